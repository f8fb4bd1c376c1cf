import { describe, expect, it } from 'vitest';
import { chartEvidence } from '../../../agents/builtin/chart-evidence.js';
import { rankWithAllFindings } from '../../../agents/builtin/consistency.js';
import { createBuiltinAgents } from '../../../agents/builtin/index.js';
import { activeDifferential, candidateGains, findingGain } from '../../../agents/builtin/information-gain.js';
import { KnowledgeBase } from '../../../agents/builtin/knowledge-base.js';
import { posterior, type Observation } from '../../../agents/builtin/posterior.js';
import { BuiltinSpecialist, nextAction } from '../../../agents/builtin/specialist.js';
import { disclaimer } from '../../../agents/roles.js';
import { newChart, reveal, type Chart } from '../../../domain/chart.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { arrivalChart, contextFor, runConsultation } from './consultation-loop.js';
import { fixedCase, fixtureSet, scenarioOf } from './fixtures.js';
import { loadLibrary } from './library.js';

const set = fixtureSet();
const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
const agents = createBuiltinAgents(set);

const entropy = (p: Float64Array): number => p.reduce((h, x) => (x > 0 ? h - x * Math.log(x) : h), 0);

/** Expected information gain by brute force: the entropy drop averaged over both answers. */
function bruteForceGain(observations: Observation[], finding: number, chart: Chart, groups: ReadonlySet<string> = new Set()): number {
  const prior = posterior(kb, observations, chart.demographics, groups);
  const yes = posterior(kb, [...observations, { finding, present: true }], chart.demographics, groups);
  const no = posterior(kb, [...observations, { finding, present: false }], chart.demographics, groups);
  let pYes = 0;
  prior.forEach((p, d) => (pYes += p * kb.likelihood.get(d, finding)));
  return entropy(prior) - (pYes * entropy(yes) + (1 - pYes) * entropy(no));
}

function breathlessChart(): Chart {
  const chart = newChart({
    caseId: 'c1',
    facility: 'tertiary',
    demographics: { age: 55, sex: 'male' },
    complaint: "I can't catch my breath.",
    maxTurns: 20,
  });
  reveal(chart, [{ factId: 'dyspnoea', text: 'breathless', present: true, source: 'patient', t: 0 }]);
  return chart;
}

describe('BuiltinSpecialist', () => {
  it('computes information gain as the expected drop in entropy', () => {
    const chart = breathlessChart();
    const observations: Observation[] = [{ finding: kb.findingIndex.get('dyspnoea') ?? -1, present: true }];
    const active = activeDifferential(posterior(kb, observations, chart.demographics), 0);
    for (const id of ['cough', 'chest-pain', 'smoker', 'headache']) {
      const finding = kb.findingIndex.get(id) ?? -1;
      expect(findingGain(kb, active, finding)).toBeCloseTo(bruteForceGain(observations, finding, chart), 10);
    }
    // the fast path that visits only listed cells agrees with the direct sum
    for (const { finding, gain } of candidateGains(kb, active)) expect(gain).toBeCloseTo(findingGain(kb, active, finding), 12);
  });

  it('asks the most informative question first, in the patient’s words', async () => {
    const chart = breathlessChart();
    const action = await new BuiltinSpecialist(kb).consult(chart, contextFor(fixedCase(scenarioOf(set, 'fixture-pneumonia'), [])));
    expect(action.kind).toBe('ask');
    if (action.kind !== 'ask') return;
    // the chart as the doctor reads it: breathless, and every vital normal at triage
    const { observations, absentGroups } = chartEvidence(kb, chart);
    const askable = kb.askableFindings.filter((f) => kb.findings[f].id !== 'dyspnoea');
    const gains = askable
      .map((f) => ({ id: kb.findings[f].id, gain: bruteForceGain(observations, f, chart, absentGroups) }))
      .sort((a, b) => b.gain - a.gain);
    expect(action.about?.[0]).toBe(gains[0].id);
    expect(action.question).toMatch(/^(Have you had any|Is there any history of) /);
    // cough and chest pain split the two diseases that cause breathlessness; a headache question would not
    expect(action.about).not.toContain('headache');
  });

  it('examines the patient early, once', async () => {
    const patient = fixedCase(scenarioOf(set, 'fixture-pneumonia'), ['cough', 'fever', 'focal-crackles', 'chest-xray:consolidation']);
    const { actions } = await runConsultation(agents, patient);
    const exams = actions.filter((action) => action.kind === 'order' && action.tests.includes('physical-exam'));
    expect(exams).toHaveLength(1);
    expect(actions.findIndex((action) => action === exams[0])).toBeLessThanOrEqual(1);
  });

  it('converges on each fixture scenario', async () => {
    for (const scenario of set.scenarios) {
      let correct = 0;
      for (let index = 0; index < 20; index++) {
        const { report } = await runConsultation(agents, generateCase(scenario, 5, index));
        if (report.diagnosis === scenario.diagnosis.name) correct++;
      }
      expect(correct, scenario.id).toBeGreaterThanOrEqual(18);
    }
  });

  it('orders only tests the facility offers', async () => {
    for (let index = 0; index < 40; index++) {
      const patient = generateCase(pickScenario(set.scenarios, 9, index), 9, index);
      const { chart } = await runConsultation(agents, patient, { facility: 'village' });
      for (const order of chart.orders) expect(set.catalogue.available(order.testId, 'village'), order.testId).toBe(true);
    }
  });

  it('confirms the key findings before a confident diagnosis', async () => {
    const patient = fixedCase(scenarioOf(set, 'fixture-infarction'), ['chest-pain', 'sweating', 'ecg:st-elevation', 'troponin:raised'], {
      age: 60,
      sex: 'male',
    });
    const { chart, report } = await runConsultation(agents, patient);
    expect(report.diagnosis).toBe('Fixture infarction');
    expect(chart.orders.map((order) => order.testId)).toEqual(expect.arrayContaining(['ecg', 'troponin']));
    expect(report.evidence.filter((item) => item.supports).map((item) => item.factId)).toEqual(
      expect.arrayContaining(['ecg:st-elevation', 'troponin:raised']),
    );
  });

  it('writes a complete, grounded report', async () => {
    const patient = fixedCase(
      scenarioOf(set, 'fixture-pneumonia'),
      ['cough', 'fever', 'hypoxaemia', 'focal-crackles', 'chest-xray:consolidation'],
      { age: 70, sex: 'male' },
    );
    const { chart, report } = await runConsultation(agents, patient);
    expect(report.diagnosis).toBe('Fixture pneumonia');
    expect(report.icd10).toBe('J18.9');
    expect(report.confidence).toBeGreaterThan(0.5);
    expect(report.confidence).toBeLessThanOrEqual(1);
    expect(report.differential[0]).toEqual({ name: 'Fixture pneumonia', p: report.confidence, icd10: 'J18.9' });
    expect(report.differential.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < report.differential.length; i++) expect(report.differential[i].p).toBeLessThanOrEqual(report.differential[i - 1].p);
    const revealed = new Map(chart.revealed.map((fact) => [fact.factId, fact]));
    for (const item of report.evidence) {
      expect(revealed.has(item.factId ?? ''), item.factId).toBe(true);
      expect(item.text).toBe(revealed.get(item.factId ?? '')?.text);
    }
    expect(report.evidence.some((item) => item.factId === 'chest-xray:consolidation' && item.supports)).toBe(true);
    expect(report.reasoning).toContain('70-year-old man');
    expect(report.reasoning).toContain('Fixture pneumonia');
    expect(report.plan).toContain('to be confirmed by the attending physician');
    expect(report.plan).toContain('Antibiotics');
    expect(report.disclaimer).toBe(disclaimer);
    expect(report.escalated).toEqual(['hypoxaemia']);
  });

  it('is deterministic given the chart', async () => {
    const patient = generateCase(scenarioOf(set, 'fixture-infarction'), 2, 4);
    const first = await runConsultation(agents, patient);
    const second = await runConsultation(createBuiltinAgents(set), patient);
    expect(second.actions).toEqual(first.actions);
    const chart = arrivalChart(patient);
    expect(nextAction(kb, structuredClone(chart))).toEqual(nextAction(kb, chart));
  });

  it('never asks about a finding twice nor orders a test twice', async () => {
    for (let index = 0; index < 30; index++) {
      const patient = generateCase(pickScenario(set.scenarios, 13, index), 13, index);
      const { actions } = await runConsultation(agents, patient);
      const about = actions.flatMap((action) => (action.kind === 'ask' ? (action.about ?? []) : []));
      const tests = actions.flatMap((action) => (action.kind === 'order' ? action.tests : []));
      expect(new Set(about).size).toBe(about.length);
      expect(new Set(tests).size).toBe(tests.length);
    }
  });

  it('diagnoses when the turn budget is spent', async () => {
    const patient = generateCase(scenarioOf(set, 'fixture-pneumonia'), 1, 1);
    const { chart, actions } = await runConsultation(agents, patient, { maxTurns: 3 });
    expect(chart.turn).toBeLessThanOrEqual(2);
    expect(actions[actions.length - 1].kind).toBe('diagnose');
  });

  it('refers once when the differential clearly belongs to another department', () => {
    const patient = fixedCase(scenarioOf(set, 'fixture-pneumonia'), ['cough', 'fever', 'tachypnoea']);
    const chart = arrivalChart(patient);
    chart.department = 'neurology';
    chart.turn = 2;
    const action = nextAction(kb, chart);
    expect(action).toMatchObject({ kind: 'refer', department: 'respiratory' });
    chart.referrals.push({ from: 'neurology', to: 'respiratory', reason: 'x' });
    expect(nextAction(kb, chart).kind).not.toBe('refer');
  });

  it('ranks each fixture scenario first with all its typical findings revealed', () => {
    for (const scenario of set.scenarios) {
      const ranked = rankWithAllFindings(kb, scenario);
      expect(ranked[0].scenarioId).toBe(scenario.id);
      expect(ranked.reduce((sum, entry) => sum + entry.p, 0)).toBeCloseTo(1, 10);
    }
  });

  it('diagnoses most generated library patients correctly within 20 turns', async () => {
    const library = loadLibrary();
    const libraryAgents = createBuiltinAgents(library);
    let correct = 0;
    const total = 150;
    for (let index = 0; index < total; index++) {
      const patient = generateCase(pickScenario(library.scenarios, 21, index), 21, index);
      const { report, chart } = await runConsultation(libraryAgents, patient, { maxTurns: 20 });
      expect(chart.turn).toBeLessThan(20);
      if (report.diagnosis === patient.truth.diagnosis) correct++;
    }
    expect(correct / total).toBeGreaterThanOrEqual(0.6);
  });
});
