import { test } from 'vitest';
import { KnowledgeBase, nextAction, triageChart, answerQuestion, performTests } from '../../../agents/builtin/index.js';
import { chartEvidence } from '../../../agents/builtin/chart-evidence.js';
import { posterior } from '../../../agents/builtin/posterior.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { arrivalChart } from './consultation-loop.js';
import { loadLibrary } from './library.js';

test('prof', () => {
  const set = loadLibrary();
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
  const cases: ReturnType<typeof generateCase>[] = [];
  for (let i = 0; i < 300; i++) cases.push(generateCase(pickScenario(set.scenarios, 1, i), 1, i));
  const t = (name: string, fn: () => void) => { const s = process.cpuUsage().user / 1000; for (let r = 0; r < 3; r++) fn(); console.log(name, ((process.cpuUsage().user / 1000 - s) / 900).toFixed(4), 'ms'); };
  const charts = cases.map((c) => arrivalChart(c));
  t('gen', () => { for (let i = 0; i < 300; i++) generateCase(pickScenario(set.scenarios, 1, i), 1, i); });
  t('evidence', () => { for (const c of charts) chartEvidence(kb, c); });
  t('posterior', () => { for (const c of charts) posterior(kb, chartEvidence(kb, c).observations, c.demographics); });
  t('triage', () => { for (const c of charts) triageChart(kb, c); });
  t('next', () => { for (const c of charts) nextAction(kb, c); });
  t('answer', () => { for (const c of cases) answerQuestion('Have you had any fever or chills, or any cough?', c); });
  t('perform', () => { for (const c of cases) performTests(set.catalogue, ['chest-xray', 'full blood count'], c, 'tertiary'); });
});
