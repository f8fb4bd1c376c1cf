import { describe, expect, it } from 'vitest';
import { matchDiagnosis, normaliseIcd10 } from '../../scenarios/diagnosis-match.js';
import { scoreDiagnosis } from '../../evaluation/diagnosis-scorer.js';
import { journey, metricOf, pneumoniaCase, report } from './journey-fixtures.js';

const truth = pneumoniaCase().truth;
const score = (overrides: Parameters<typeof report>[0]) => scoreDiagnosis(journey({ report: report(overrides) }), pneumoniaCase());

describe('matchDiagnosis', () => {
  it('matches the name, a synonym, an acceptable answer and the ICD-10 code', () => {
    expect(matchDiagnosis('community acquired pneumonia', truth).kind).toBe('exact');
    expect(matchDiagnosis('Pneumonia, community-acquired', truth).kind).toBe('exact');
    expect(matchDiagnosis('CAP', truth).kind).toBe('synonym');
    expect(matchDiagnosis('Lobar pneumonia (right lower lobe)', truth).kind).toBe('acceptable');
    expect(matchDiagnosis('Chest infection', truth, 'j189')).toMatchObject({ kind: 'icd10', correct: true });
  });

  it('counts the same ICD-10 category as partial, not correct', () => {
    expect(matchDiagnosis('Bacterial pneumonia, unspecified', truth, 'J15.9')).toMatchObject({
      kind: 'wrong',
      correct: false,
      partial: false,
    });
    expect(matchDiagnosis('Pneumonia due to other organisms', truth, 'J18.8')).toMatchObject({
      kind: 'category',
      correct: false,
      partial: true,
    });
  });

  it('counts a near miss as wrong even when its code shares the category', () => {
    expect(matchDiagnosis('Acute bronchitis', truth, 'J18.1')).toMatchObject({ kind: 'near-miss', correct: false, partial: false });
  });

  it('treats an empty or missing diagnosis as none', () => {
    expect(matchDiagnosis(undefined, truth).kind).toBe('none');
    expect(matchDiagnosis('   ', truth).kind).toBe('none');
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
    expect(metricOf(scores, 'categoryMatch').value).toBe(0);
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
    expect(metricOf(scores, 'top1')).toMatchObject({ value: 0, detail: { match: 'near-miss' } });
    expect(metricOf(scores, 'nearMiss').value).toBe(1);
  });

  it('reports the same category as partial on its own', () => {
    const scores = score({ diagnosis: 'Pneumonia due to other organisms', icd10: 'J18.8', differential: [] });
    expect(metricOf(scores, 'top1').value).toBe(0);
    expect(metricOf(scores, 'categoryMatch').value).toBe(1);
    expect(metricOf(scores, 'icd10Category').value).toBe(1);
  });

  it('scores no diagnosis as wrong (not unscored)', () => {
    const scores = scoreDiagnosis(journey({ report: null }), pneumoniaCase());
    expect(metricOf(scores, 'top1')).toMatchObject({ value: 0, detail: { reason: 'no diagnosis given' } });
    expect(metricOf(scores, 'top3').value).toBe(0);
    expect(metricOf(score({ diagnosis: '  ' }), 'top1').value).toBe(0);
  });
});
