import { test } from 'vitest';
import { createBuiltinAgents, KnowledgeBase, rankWithAllFindings } from '../../../agents/builtin/index.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { runConsultation } from './consultation-loop.js';
import { loadLibrary } from './library.js';

test('accuracy', async () => {
  const set = loadLibrary();
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
  console.log('scenarios', set.scenarios.length, 'findings', kb.findings.length);
  const inconsistent = set.scenarios.filter((s) => rankWithAllFindings(kb, s)[0].scenarioId !== s.id).map((s) => `${s.id}→${rankWithAllFindings(kb, s)[0].scenarioId}`);
  console.log('inconsistent', inconsistent.length, inconsistent.join(' '));
  const specialist = JSON.parse(process.env.SPEC ?? '{}');
  const agents = createBuiltinAgents(set, { specialist });
  let correct = 0, total = 0, turns = 0, tests = 0, cost = 0, dept = 0, acuity = 0;
  const misses = new Map<string, number>();
  const facility = (process.env.FACILITY ?? 'tertiary') as 'tertiary';
  const start = process.cpuUsage().user / 1000;
  for (let seed = 1; seed <= 3; seed++) for (let index = 0; index < 300; index++) {
    const scenario = pickScenario(set.scenarios, seed, index);
    const patient = generateCase(scenario, seed, index);
    const result = await runConsultation(agents, patient, { facility, maxTurns: Number(process.env.TURNS ?? 20) });
    total++;
    if (result.report.diagnosis === patient.truth.diagnosis) correct++;
    else misses.set(`${scenario.id}→${result.report.diagnosis}`, (misses.get(`${scenario.id}→${result.report.diagnosis}`) ?? 0) + 1);
    turns += result.chart.turn;
    tests += result.chart.orders.length;
    cost += result.chart.orders.reduce((s, o) => s + o.cost, 0);
    if (result.chart.referrals.length === 0 && result.chart.department === scenario.department) dept++;
    if (result.chart.acuity === scenario.acuity) acuity++;
  }
  const ms = process.cpuUsage().user / 1000 - start;
  console.log(`accuracy ${(correct / total).toFixed(3)} (${correct}/${total}) turns ${(turns / total).toFixed(1)} tests ${(tests / total).toFixed(1)} cost ${(cost / total).toFixed(0)} triage-dept ${(dept / total).toFixed(2)} acuity ${(acuity / total).toFixed(2)} ${(ms / total).toFixed(3)} ms/journey`);
  console.log([...misses.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v} ${k}`).join('\n'));
});
