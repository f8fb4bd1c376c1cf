import { describe, expect, it } from 'vitest';
import { BuiltinFollowUp, followUpOutcome } from '../../../agents/builtin/follow-up.js';
import { disclaimer } from '../../../agents/roles.js';
import type { DiagnosisReport } from '../../../domain/journey.js';
import { arrivalChart, contextFor } from './consultation-loop.js';
import { fixedCase, fixtureSet, scenarioOf } from './fixtures.js';

const report: DiagnosisReport = {
  diagnosis: 'Fixture pneumonia',
  icd10: 'J18.9',
  confidence: 0.7,
  differential: [
    { name: 'Fixture pneumonia', p: 0.7 },
    { name: 'Fixture infarction', p: 0.2 },
    { name: 'Fixture migraine', p: 0.1 },
  ],
  evidence: [],
  reasoning: '',
  plan: '',
  disclaimer,
};

describe('BuiltinFollowUp', () => {
  it('confirms and discharges a patient who is improving', async () => {
    const patient = fixedCase(scenarioOf(fixtureSet(), 'fixture-pneumonia'), ['cough']);
    const outcome = await new BuiltinFollowUp().followUp(
      arrivalChart(patient),
      report,
      { days: 7, report: 'Much better.', trend: 'improving' },
      contextFor(patient),
    );
    expect(outcome).toMatchObject({ status: 'improving', action: 'discharge' });
    expect(outcome.revised).toBeUndefined();
    expect(outcome.note).toContain('Fixture pneumonia');
  });

  it('revises to the next entry of the differential when unchanged', () => {
    const outcome = followUpOutcome(report, { days: 7, report: 'No better.', trend: 'unchanged' });
    expect(outcome).toMatchObject({ status: 'unchanged', action: 'revise', revised: 'Fixture infarction' });
  });

  it('readmits with a revised diagnosis when worse', () => {
    const outcome = followUpOutcome(report, { days: 1, report: 'Worse.', trend: 'worse' });
    expect(outcome).toMatchObject({ status: 'worse', action: 'readmit', revised: 'Fixture infarction' });
    expect(outcome.note).toMatch(/^After 1 day /);
  });

  it('skips the diagnosis itself wherever it sits in the differential', () => {
    const reordered = { ...report, differential: [{ name: 'Fixture migraine', p: 0.5 }, ...report.differential] };
    expect(followUpOutcome({ ...reordered, diagnosis: 'fixture migraine' }, { days: 3, report: '', trend: 'unchanged' }).revised).toBe(
      'Fixture pneumonia',
    );
    expect(followUpOutcome({ ...report, differential: [] }, { days: 3, report: '', trend: 'worse' }).revised).toBeUndefined();
  });
});
