import { test } from 'vitest';
import { createBuiltinAgents } from '../../../agents/builtin/index.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { runConsultation } from './consultation-loop.js';
import { loadLibrary } from './library.js';

test('prof', async () => {
  const set = loadLibrary();
  const agents = createBuiltinAgents(set);
  const cases: ReturnType<typeof generateCase>[] = [];
  for (let i = 0; i < 1000; i++) cases.push(generateCase(pickScenario(set.scenarios, 1, i), 1, i));
  for (let round = 0; round < 3; round++) {
    const s = process.cpuUsage().user;
    const w = performance.now();
    let turns = 0;
    for (const c of cases) turns += (await runConsultation(agents, c)).chart.turn;
    console.log('journey', ((process.cpuUsage().user - s) / 1000 / cases.length).toFixed(4), 'ms cpu', ((performance.now() - w) / cases.length).toFixed(4), 'ms wall', turns / cases.length, 'turns');
  }
});
