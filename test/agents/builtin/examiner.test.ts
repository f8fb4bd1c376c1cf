import { describe, expect, it } from 'vitest';
import { BuiltinExaminer, performTests } from '../../../agents/builtin/examiner.js';
import { contextFor } from './consultation-loop.js';
import { fixedCase, fixtureSet, scenarioOf } from './fixtures.js';

const set = fixtureSet();
const { catalogue } = set;
const pneumonia = scenarioOf(set, 'fixture-pneumonia');
const patient = fixedCase(pneumonia, ['cough', 'fever', 'focal-crackles', 'chest-xray:consolidation']);

describe('BuiltinExaminer', () => {
  it('reports the present findings of a test, with cost and turnaround from the catalogue', async () => {
    const report = await new BuiltinExaminer(catalogue).perform(['chest-xray'], patient, 'tertiary', contextFor(patient));
    const xray = catalogue.get('chest-xray');
    expect(report.performed).toEqual([
      {
        testId: 'chest-xray',
        requested: 'chest-xray',
        name: xray?.name,
        available: true,
        text: 'right lower lobe consolidation',
        factIds: ['chest-xray:consolidation'],
        facts: [{ factId: 'chest-xray:consolidation', text: 'right lower lobe consolidation', present: true }],
        cost: xray?.cost,
        minutes: xray?.turnaround,
      },
    ]);
  });

  it('returns the normal report, listing the absent findings, when none is present', () => {
    const [crp] = performTests(catalogue, ['c-reactive-protein'], patient, 'tertiary');
    expect(crp.available).toBe(true);
    expect(crp.text).toBe(catalogue.get('c-reactive-protein')?.normal);
    expect(crp.facts).toEqual([{ factId: 'c-reactive-protein:raised', text: 'CRP 160 mg/L', present: false }]);
  });

  it('returns the normal report with no facts for a test the case does not mention', () => {
    const [ecg] = performTests(catalogue, ['ecg'], patient, 'tertiary');
    expect(ecg).toMatchObject({ testId: 'ecg', available: true, text: catalogue.get('ecg')?.normal, factIds: [], facts: [] });
    expect(ecg.cost).toBe(catalogue.get('ecg')?.cost);
  });

  it('reports the examination signs under physical-exam', () => {
    const [exam] = performTests(catalogue, ['physical-exam'], patient, 'village');
    expect(exam.text).toBe('crackles at the right base');
    expect(exam.factIds).toEqual(['focal-crackles']);
  });

  it('resolves free-text names to catalogue tests', () => {
    const [xray] = performTests(catalogue, ['Chest X-ray'], patient, 'tertiary');
    expect(xray.testId).toBe('chest-xray');
    expect(xray.requested).toBe('Chest X-ray');
  });

  it('says a test the catalogue lacks is not available, at no cost', () => {
    const [unknown] = performTests(catalogue, ['quantum aura scan'], patient, 'tertiary');
    expect(unknown.testId).toBeUndefined();
    expect(unknown).toMatchObject({ available: false, cost: 0, minutes: 0, factIds: [], facts: [] });
    expect(unknown.text).toContain('not available');
  });

  it('says a test the facility does not offer is not available here, at no cost', () => {
    const unavailable = catalogue.tests.find((test) => !test.availability.village && patient.facts.some((fact) => fact.testId === test.id));
    expect(unavailable).toBeDefined();
    const [result] = performTests(catalogue, [unavailable?.id ?? ''], patient, 'village');
    expect(result).toMatchObject({ testId: unavailable?.id, available: false, cost: 0, minutes: 0, factIds: [] });
    expect(result.text).toContain('not available here');
  });

  it('performs a test once however often one order names it', () => {
    expect(performTests(catalogue, ['chest-xray', 'chest-xray'], patient, 'tertiary')).toHaveLength(1);
  });

  it('answers imported cases from their free-text results', () => {
    const imported = { ...patient, facts: [], freeText: { history: [], results: { ecg: { name: 'ECG', text: 'sinus tachycardia' } } } };
    expect(performTests(catalogue, ['ecg'], imported, 'tertiary')[0].text).toBe('sinus tachycardia');
  });
});
