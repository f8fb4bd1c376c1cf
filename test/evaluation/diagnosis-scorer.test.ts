import { describe, expect, it } from 'vitest';
import { matchDiagnosis, normaliseIcd10 } from '../../scenarios/diagnosis-match/index.js';
import { scoreDiagnosis } from '../../evaluation/diagnosis-scorer.js';
import { journey, metricOf, pneumoniaCase, report } from './journey-fixtures.js';

const truth = pneumoniaCase().truth;
const score = (overrides: Parameters<typeof report>[0]) => scoreDiagnosis(journey({ report: report(overrides) }), pneumoniaCase());

describe('matchDiagnosis', () => {
  const graded = (given: string | undefined, icd10?: string) => {
    const match = matchDiagnosis(given, truth, icd10);
    return { verdict: match.verdict, rule: match.rule };
  };

  it('grades the name, a synonym, an accepted answer and an abbreviation as correct, naming the rule', () => {
    expect(graded('community acquired pneumonia')).toEqual({ verdict: 'correct', rule: 'name' });
    expect(graded('Pneumonia, community-acquired')).toEqual({ verdict: 'correct', rule: 'name' });
    expect(graded('pneumonia')).toEqual({ verdict: 'correct', rule: 'synonym' });
    expect(graded('Lobar pneumonia (right lower lobe)')).toEqual({ verdict: 'correct', rule: 'more-specific' });
    expect(graded('CAP')).toEqual({ verdict: 'correct', rule: 'abbreviation' });
  });

  it('never lets the ICD-10 code make a wrong name right', () => {
    expect(graded('Chest infection', 'j189')).toEqual({ verdict: 'wrong', rule: 'no-match' });
    expect(graded('xyz', 'J18.9')).toEqual({ verdict: 'wrong', rule: 'no-match' });
    expect(matchDiagnosis('xyz', truth, 'J18.9').reason).toContain('the ICD-10 code J18.9 alone does not decide');
    expect(graded('Bacterial pneumonia, unspecified', 'J15.9')).toEqual({ verdict: 'correct', rule: 'more-specific' });
  });

  it('counts a near miss as wrong even when its code shares the category', () => {
    expect(matchDiagnosis('Acute bronchitis', truth, 'J18.1')).toMatchObject({
      verdict: 'wrong',
      rule: 'near-miss',
      correct: false,
      partial: false,
    });
  });

  it('grades an empty or missing diagnosis as wrong', () => {
    expect(graded(undefined)).toEqual({ verdict: 'wrong', rule: 'empty' });
    expect(graded('   ')).toEqual({ verdict: 'wrong', rule: 'empty' });
  });

  it('normalises ICD-10 codes and rejects what is not one', () => {
    expect(normaliseIcd10(' i21.0 ')).toBe('I21.0');
    expect(normaliseIcd10('I210')).toBe('I21.0');
    expect(normaliseIcd10('J18')).toBe('J18');
    expect(normaliseIcd10('pneumonia')).toBeUndefined();
  });
});

describe('scoreDiagnosis', () => {
  it('scores a correct top-1 with rank 1', () => {
    const scores = score({});
    expect(metricOf(scores, 'top1').value).toBe(1);
    expect(metricOf(scores, 'top3')).toMatchObject({ value: 1, detail: { rank: 1 } });
    expect(metricOf(scores, 'partial').value).toBe(0);
    expect(metricOf(scores, 'nearMiss').value).toBe(0);
  });

  it('finds the truth at rank 3 of the differential, ranked by probability', () => {
    const scores = score({
      diagnosis: 'Pulmonary embolism',
      icd10: 'I26.9',
      differential: [
        { name: 'Pneumonia', p: 0.1 },
        { name: 'Pulmonary embolism', p: 0.6 },
        { name: 'Heart failure', p: 0.3 },
      ],
    });
    expect(metricOf(scores, 'top1').value).toBe(0);
    expect(metricOf(scores, 'top3')).toMatchObject({
      value: 1,
      detail: { rank: 3, considered: ['Pulmonary embolism', 'Heart failure', 'Pneumonia'] },
    });
  });

  it('misses top-3 when the truth is fourth', () => {
    const scores = score({
      diagnosis: 'Asthma',
      icd10: 'J45.9',
      differential: [
        { name: 'Asthma', p: 0.4 },
        { name: 'COPD', p: 0.3 },
        { name: 'Heart failure', p: 0.2 },
        { name: 'Pneumonia', p: 0.1 },
      ],
    });
    expect(metricOf(scores, 'top3').value).toBe(0);
  });

  it('with an empty differential, top-3 is the diagnosis alone', () => {
    expect(metricOf(score({ differential: [] }), 'top3').value).toBe(1);
    expect(metricOf(score({ diagnosis: 'Asthma', icd10: undefined, differential: [] }), 'top3').value).toBe(0);
  });

  it('reports a near miss as wrong and counts it', () => {
    const scores = score({ diagnosis: 'Acute bronchitis', icd10: 'J20.9' });
    expect(metricOf(scores, 'top1')).toMatchObject({ value: 0, detail: { verdict: 'wrong', rule: 'near-miss' } });
    expect(metricOf(scores, 'nearMiss').value).toBe(1);
  });

  it('reports a broader name as partial on its own, not as correct', () => {
    // With "pneumonia" no synonym, it is a broader name of community-acquired pneumonia.
    const patient = pneumoniaCase();
    patient.truth = { ...patient.truth, synonyms: ['CAP'] };
    const scores = scoreDiagnosis(journey({ report: report({ diagnosis: 'Pneumonia', icd10: 'J22', differential: [] }) }), patient);
    expect(metricOf(scores, 'top1').value).toBe(0);
    expect(metricOf(scores, 'partial')).toMatchObject({ value: 1, detail: { verdict: 'partial', rule: 'broader' } });
    expect(metricOf(scores, 'icd10Category').value).toBe(0);
  });

  it('reports the ICD-10 category of the code for information only: a wrong name in the right category stays wrong', () => {
    const scores = score({ diagnosis: 'Pulmonary tuberculosis', icd10: 'J18.8', differential: [] });
    expect(metricOf(scores, 'top1').value).toBe(0);
    expect(metricOf(scores, 'partial').value).toBe(0);
    expect(metricOf(scores, 'icd10Category').value).toBe(1);
  });

  it('scores no diagnosis as wrong (not unscored)', () => {
    const scores = scoreDiagnosis(journey({ report: null }), pneumoniaCase());
    expect(metricOf(scores, 'top1')).toMatchObject({ value: 0, detail: { reason: 'no diagnosis given' } });
    expect(metricOf(scores, 'top3').value).toBe(0);
    expect(metricOf(score({ diagnosis: '  ' }), 'top1').value).toBe(0);
  });
});
