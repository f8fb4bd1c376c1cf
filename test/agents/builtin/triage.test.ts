import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../../agents/builtin/knowledge-base.js';
import { BuiltinTriage, triageChart } from '../../../agents/builtin/triage.js';
import { generateCase, pickScenario } from '../../../scenarios/generator.js';
import { arrivalChart, contextFor } from './consultation-loop.js';
import { fixedCase, fixtureSet, scenarioOf } from './fixtures.js';
import { loadLibrary } from './library.js';

const set = fixtureSet();
const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);

describe('BuiltinTriage', () => {
  it('sends clear cases to their department at their acuity', async () => {
    const cases = [
      fixedCase(scenarioOf(set, 'fixture-pneumonia'), ['cough', 'fever', 'tachypnoea']),
      fixedCase(scenarioOf(set, 'fixture-infarction'), ['chest-pain', 'tachycardia'], { age: 60, sex: 'male' }),
      fixedCase(scenarioOf(set, 'fixture-migraine'), ['headache']),
      fixedCase(scenarioOf(set, 'fixture-cystitis'), ['dysuria']),
    ];
    for (const patient of cases) {
      const decision = await new BuiltinTriage(kb).triage(arrivalChart(patient), contextFor(patient));
      expect(decision.department).toBe(patient.truth.department);
      expect(decision.acuity).toBe(patient.truth.acuity);
    }
  });

  it('makes a patient with red-flag vitals more urgent', () => {
    const infarction = scenarioOf(set, 'fixture-infarction');
    const stable = triageChart(kb, arrivalChart(fixedCase(infarction, ['chest-pain'], { age: 60, sex: 'male' })));
    const shocked = triageChart(kb, arrivalChart(fixedCase(infarction, ['chest-pain', 'hypotension'], { age: 60, sex: 'male' })));
    expect(shocked.acuity).toBe(stable.acuity - 1);
    expect(shocked.rationale).toContain('hypotension');
  });

  it('explains itself by the leading findings, never by a diagnosis', () => {
    const patient = fixedCase(scenarioOf(set, 'fixture-pneumonia'), ['cough', 'fever', 'tachypnoea']);
    const { rationale } = triageChart(kb, arrivalChart(patient));
    expect(rationale).toContain('cough for five days');
    expect(rationale).toContain('respiratory rate 26/min');
    for (const scenario of set.scenarios) expect(rationale).not.toContain(scenario.diagnosis.name);
  });

  it('reads the complaint words when the chart holds no complaint facts', () => {
    const patient = fixedCase(scenarioOf(set, 'fixture-cystitis'), []);
    const chart = arrivalChart(patient);
    chart.revealed = [];
    chart.complaint = 'It burns when I wee and I need the toilet all the time.';
    expect(triageChart(kb, chart).department).toBe('urology');
  });

  it('mostly agrees with the library’s departments on generated patients', () => {
    const library = loadLibrary();
    const libraryKb = KnowledgeBase.fromScenarios(library.scenarios, library.catalogue);
    let agree = 0;
    const total = 200;
    for (let index = 0; index < total; index++) {
      const patient = generateCase(pickScenario(library.scenarios, 11, index), 11, index);
      if (triageChart(libraryKb, arrivalChart(patient)).department === patient.truth.department) agree++;
    }
    expect(agree / total).toBeGreaterThan(0.75);
  });
});
