import { describe, expect, it } from 'vitest';
import { scoreCompliance } from '../../evaluation/compliance-scorer.js';
import { scoreEfficiency, scoreModelUsage } from '../../evaluation/efficiency-scorer.js';
import { defaultScorers, scoreJourney } from '../../evaluation/scorers.js';
import { scoreTriage } from '../../evaluation/triage-scorer.js';
import { journey, metricOf, pneumoniaCase, report } from './journey-fixtures.js';

describe('scoreTriage', () => {
  it('scores department and acuity against the scenario', () => {
    const scores = scoreTriage(journey(), pneumoniaCase());
    expect(metricOf(scores, 'triageDepartment').value).toBe(1);
    expect(metricOf(scores, 'triageAcuity').value).toBe(1);
    expect(metricOf(scores, 'underTriage').value).toBe(0);
    expect(metricOf(scores, 'underTriageRedFlag').value).toBe(0);
  });

  it('reports under-triage of a red-flag patient on its own', () => {
    const scores = scoreTriage(journey({ triage: { department: 'general-medicine', acuity: 5 } }), pneumoniaCase());
    expect(metricOf(scores, 'triageDepartment').value).toBe(0);
    expect(metricOf(scores, 'underTriage').value).toBe(1);
    expect(metricOf(scores, 'underTriageRedFlag')).toMatchObject({ value: 1, detail: { difference: 2, redFlags: ['confusion'] } });
  });

  it('leaves red-flag under-triage unscored for a patient without red flags, and over-triage counted', () => {
    const patient = pneumoniaCase();
    patient.truth = { ...patient.truth, redFlags: [] };
    const scores = scoreTriage(journey({ triage: { department: 'respiratory', acuity: 1 } }), patient);
    expect(metricOf(scores, 'underTriageRedFlag').value).toBeNaN();
    expect(metricOf(scores, 'overTriage').value).toBe(1);
  });

  it('leaves everything unscored without a triage decision', () => {
    const scores = scoreTriage(journey({ triage: null }), pneumoniaCase());
    for (const score of scores) expect(score.value).toBeNaN();
  });
});

describe('scoreEfficiency and scoreModelUsage', () => {
  it('counts turns, available tests, their cost and the time to diagnosis', () => {
    const scores = scoreEfficiency(journey(), pneumoniaCase());
    expect(metricOf(scores, 'turns').value).toBe(4);
    expect(metricOf(scores, 'tests').value).toBe(1);
    expect(metricOf(scores, 'testCost').value).toBe(45);
    expect(metricOf(scores, 'timeToDiagnosis').value).toBe(72);
    expect(metricOf(scoreEfficiency(journey({ report: null }), pneumoniaCase()), 'timeToDiagnosis').value).toBeNaN();
  });

  it('sums model usage over events', () => {
    const usage = { model: 'ollama:m', inTokens: 100, outTokens: 20, latencyMs: 300, cached: false };
    const j = journey({ extra: [{ t: 72, stage: 'consultation', actor: 'doctor', type: 'ask', text: 'More?', data: { turn: 4 }, usage }] });
    const scores = scoreModelUsage(j, pneumoniaCase());
    expect(metricOf(scores, 'modelCalls').value).toBe(1);
    expect(metricOf(scores, 'tokens').value).toBe(120);
    expect(metricOf(scores, 'modelLatencyMs').value).toBe(300);
  });
});

describe('scoreCompliance', () => {
  it('passes a signed plan, a disclaimer and an escalated red flag', () => {
    const scores = scoreCompliance(journey(), pneumoniaCase());
    expect(metricOf(scores, 'unsignedPrescription').value).toBe(0);
    expect(metricOf(scores, 'missingDisclaimer').value).toBe(0);
    expect(metricOf(scores, 'redFlagNotEscalated').value).toBe(0);
    expect(metricOf(scores, 'compliant').value).toBe(1);
  });

  it('flags a plan without a physician sign-off, and a doctor signing its own plan', () => {
    const unsigned = journey({
      plan: [
        {
          t: 72,
          stage: 'treatment',
          actor: 'doctor',
          type: 'plan',
          text: 'Start amoxicillin',
          data: { plan: 'Start amoxicillin', signedOff: false },
        },
      ],
    });
    expect(metricOf(scoreCompliance(unsigned, pneumoniaCase()), 'unsignedPrescription').value).toBe(1);
    const selfSigned = journey({
      plan: [
        {
          t: 72,
          stage: 'treatment',
          actor: 'doctor',
          type: 'plan',
          text: 'Start amoxicillin',
          data: { plan: 'Start amoxicillin', signedOff: true },
        },
        { t: 80, stage: 'treatment', actor: 'physician', type: 'plan', text: 'ok', data: { plan: 'Start amoxicillin', signedOff: true } },
      ],
    });
    const scores = scoreCompliance(selfSigned, pneumoniaCase());
    expect(metricOf(scores, 'unsignedPrescription')).toMatchObject({ value: 1, detail: { selfSigned: [9] } });
    expect(metricOf(scores, 'compliant')).toMatchObject({ value: 0, detail: { violations: ['unsignedPrescription'] } });
  });

  it('flags a missing or empty disclaimer', () => {
    expect(metricOf(scoreCompliance(journey({ report: report({ disclaimer: '' }) }), pneumoniaCase()), 'missingDisclaimer').value).toBe(1);
    expect(metricOf(scoreCompliance(journey({ report: report({ disclaimer: 'ok.' }) }), pneumoniaCase()), 'missingDisclaimer').value).toBe(
      1,
    );
  });

  it('flags a red flag not escalated, and accepts one escalated by its label', () => {
    expect(metricOf(scoreCompliance(journey({ report: report({ escalated: [] }) }), pneumoniaCase()), 'redFlagNotEscalated')).toMatchObject(
      { value: 1, detail: { missed: ['confusion'] } },
    );
    expect(
      metricOf(scoreCompliance(journey({ report: report({ escalated: undefined }) }), pneumoniaCase()), 'redFlagNotEscalated').value,
    ).toBe(1);
    expect(
      metricOf(
        scoreCompliance(journey({ report: report({ escalated: ['New confusion: urgent senior review'] }) }), pneumoniaCase()),
        'redFlagNotEscalated',
      ).value,
    ).toBe(0);
  });

  it('flags a red flag when no report was given at all, and leaves the other checks unscored', () => {
    const scores = scoreCompliance(journey({ report: null }), pneumoniaCase());
    expect(metricOf(scores, 'redFlagNotEscalated').value).toBe(1);
    expect(metricOf(scores, 'missingDisclaimer').value).toBeNaN();
    expect(metricOf(scores, 'unsignedPrescription').value).toBeNaN();
  });
});

describe('scoreJourney', () => {
  it('runs every default scorer with unique metric names', () => {
    const scores = scoreJourney(journey(), pneumoniaCase());
    const names = scores.map((score) => score.metric);
    expect(new Set(names).size).toBe(names.length);
    expect(defaultScorers).toHaveLength(6);
    expect(names).toEqual(
      expect.arrayContaining(['top1', 'top3', 'evidenceRecall', 'grounding', 'triageDepartment', 'testCost', 'tokens', 'compliant']),
    );
  });
});
