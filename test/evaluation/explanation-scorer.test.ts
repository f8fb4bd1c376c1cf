import { describe, expect, it } from 'vitest';
import { scoreExplanation } from '../../evaluation/explanation-scorer.js';
import { revealedFactIds } from '../../evaluation/journey-facts.js';
import { journey, metricOf, pneumoniaCase, report } from './journey-fixtures.js';

const score = (overrides: Parameters<typeof report>[0]) => scoreExplanation(journey({ report: report(overrides) }), pneumoniaCase());

describe('scoreExplanation', () => {
  it('collects the facts revealed before the diagnosis: complaint, vitals, answers, results', () => {
    expect([...revealedFactIds(journey())].sort()).toEqual(['chest-xray:consolidation', 'cough', 'fever', 'tachypnoea']);
  });

  it('gives full recall and grounding when every revealed key finding is cited', () => {
    const scores = score({});
    expect(metricOf(scores, 'evidenceRecall')).toMatchObject({
      value: 1,
      detail: { keyRevealed: ['cough', 'fever', 'chest-xray:consolidation'] },
    });
    expect(metricOf(scores, 'grounding').value).toBe(1);
  });

  it('counts recall over revealed key findings only', () => {
    const scores = score({ evidence: [{ factId: 'cough', text: 'cough', supports: true }] });
    expect(metricOf(scores, 'evidenceRecall').value).toBeCloseTo(1 / 3);
    expect(metricOf(scores, 'grounding').value).toBe(1);
  });

  it('counts unknown fact ids and never-revealed facts against grounding', () => {
    const scores = score({
      evidence: [
        { factId: 'cough', text: 'cough', supports: true },
        { factId: 'made-up-finding', text: 'a finding nobody saw', supports: true },
        { factId: 'confusion', text: 'confusion', supports: true },
        { text: 'crackles everywhere', supports: true },
      ],
    });
    const grounding = metricOf(scores, 'grounding');
    expect(grounding.value).toBe(0.25);
    expect(grounding.detail?.ungrounded).toEqual([
      { text: 'a finding nobody saw', factId: 'made-up-finding', status: 'unknown-id' },
      { text: 'confusion', factId: 'confusion', status: 'unrevealed' },
      { text: 'crackles everywhere', factId: null, status: 'unmatched' },
    ]);
  });

  it('resolves free-text evidence to revealed facts by wording', () => {
    const scores = score({
      evidence: [
        { text: 'High fever for days', supports: true },
        { text: 'Right lower lobe consolidation on film', supports: true },
      ],
    });
    expect(metricOf(scores, 'grounding').value).toBe(1);
    expect(metricOf(scores, 'evidenceRecall').value).toBeCloseTo(2 / 3);
  });

  it('leaves grounding unscored with no evidence, and recall at zero', () => {
    const scores = score({ evidence: [] });
    expect(metricOf(scores, 'grounding').value).toBeNaN();
    expect(metricOf(scores, 'evidenceRecall').value).toBe(0);
  });

  it('leaves both unscored without a report', () => {
    const scores = scoreExplanation(journey({ report: null }), pneumoniaCase());
    expect(metricOf(scores, 'evidenceRecall').value).toBeNaN();
    expect(metricOf(scores, 'grounding').value).toBeNaN();
  });

  it('leaves recall unscored when no key finding was revealed', () => {
    const patient = pneumoniaCase();
    patient.facts = patient.facts.map((fact) => ({ ...fact, key: false }));
    expect(metricOf(scoreExplanation(journey(), patient), 'evidenceRecall').value).toBeNaN();
  });
});
