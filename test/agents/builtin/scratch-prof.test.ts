import { test } from 'vitest';
import { createBuiltinAgents, KnowledgeBase, nextAction, triageChart } from '../../../agents/builtin/index.js';
import { chartEvidence } from '../../../agents/builtin/chart-evidence.js';
import { posterior } from '../../../agents/builtin/posterior.js';
import { activeDifferential } from '../../../agents/builtin/information-gain.js';
import { rankNextSteps } from '../../../agents/builtin/next-step.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { arrivalChart, runConsultation } from './consultation-loop.js';
import { loadLibrary } from './library.js';

test('prof', async () => {
  const set = loadLibrary();
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
  const agents = createBuiltinAgents(set);
  const cases: ReturnType<typeof generateCase>[] = [];
  for (let i = 0; i < 500; i++) cases.push(generateCase(pickScenario(set.scenarios, 1, i), 1, i));
  const charts = cases.map((c) => arrivalChart(c));
  const mid = [];
  for (const c of cases.slice(0, 200)) mid.push((await runConsultation(agents, c, { maxTurns: 3 })).chart);
  const t = (name: string, n: number, fn: () => void) => { fn(); const s = process.cpuUsage().user; for (let r = 0; r < 5; r++) fn(); console.log(name.padEnd(12), ((process.cpuUsage().user - s) / 5 / n).toFixed(1), 'µs/call'); };
  t('evidence', 500, () => { for (const c of charts) chartEvidence(kb, c); });
  t('posterior', 500, () => { for (const c of charts) { const e = chartEvidence(kb, c); posterior(kb, e.observations, c.demographics, e.absentGroups); } });
  t('steps', 500, () => { for (const c of charts) { const e = chartEvidence(kb, c); const a = activeDifferential(posterior(kb, e.observations, c.demographics, e.absentGroups)); rankNextSteps(kb, a, e, 'tertiary', 25); } });
  t('triage', 500, () => { for (const c of charts) triageChart(kb, c); });
  t('next@arrive', 500, () => { for (const c of charts) nextAction(kb, c); });
  t('next@mid', 200, () => { for (const c of mid) nextAction(kb, c); });
  let turns = 0;
  t('journey', 500, () => { for (const c of charts) { turns++; } });
  const s = process.cpuUsage().user;
  let n = 0;
  for (let r = 0; r < 3; r++) for (const c of cases) { await runConsultation(agents, c); n++; }
  console.log('journey'.padEnd(12), ((process.cpuUsage().user - s) / n).toFixed(1), 'µs/journey (with loop, patient, examiner)');
});
test('sizes', () => {
  const set = loadLibrary();
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
  let act = 0, cand = 0;
  const n = 200;
  for (let i = 0; i < n; i++) {
    const c = arrivalChart(generateCase(pickScenario(set.scenarios, 1, i), 1, i));
    const e = chartEvidence(kb, c);
    const a = activeDifferential(posterior(kb, e.observations, c.demographics, e.absentGroups));
    act += a.diseases.length;
    const st = rankNextSteps(kb, a, e, 'tertiary', 25);
    cand += st.questions.length + st.tests.length;
  }
  console.log('active', act / n, 'cand', cand / n);
});
