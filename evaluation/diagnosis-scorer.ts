import { matchDiagnosis, rankedDiagnoses, type DiagnosisMatch } from '../scenarios/diagnosis-match.js';
import { bool, recordedMetrics, type Scorer } from '../domain/score.js';
import { defineMetrics } from './metric-registry.js';

export const diagnosisMetrics = defineMetrics({
  [recordedMetrics.top1]: {
    kind: 'rate',
    label: 'Accuracy (top-1)',
    short: 'Accuracy [95 % CI]',
    withInterval: true,
    higherIsBetter: true,
    views: ['summary', 'report', 'groups', 'compare', 'leaderboard'],
    key: 'accuracy',
  },
  top3: { kind: 'rate', label: 'Top-3', higherIsBetter: true, views: ['summary', 'report', 'groups', 'compare', 'leaderboard'] },
  categoryMatch: { kind: 'rate', label: 'Same ICD-10 category only (partial)', higherIsBetter: null, views: ['summary', 'report'] },
  icd10Category: { kind: 'rate', label: 'ICD-10 category', higherIsBetter: true, views: ['summary'] },
  nearMiss: { kind: 'rate', label: 'Near miss named', higherIsBetter: false, views: ['summary', 'report'] },
});
const { top1, top3, categoryMatch, icd10Category, nearMiss } = diagnosisMetrics;

/**
 * Top-1 and top-3 against the truth (exact, synonym, acceptable or ICD-10 code); the same ICD-10
 * category is partial and reported on its own (`categoryMatch`), a scenario's near miss is wrong
 * and counted (`nearMiss`). No diagnosis scores as wrong, not as unscored.
 */
export const scoreDiagnosis: Scorer = (journey, patient) => {
  const report = journey.report;
  if (!report || !report.diagnosis.trim()) {
    const detail = { reason: 'no diagnosis given', status: journey.status };
    return [top1, top3, categoryMatch, icd10Category, nearMiss].map(({ name }) => ({ metric: name, value: 0, detail }));
  }
  const top: DiagnosisMatch = matchDiagnosis(report.diagnosis, patient.truth, report.icd10);
  const considered = rankedDiagnoses(report).slice(0, 3);
  const matches = considered.map((entry) => matchDiagnosis(entry.name, patient.truth, entry.icd10));
  const hitRank = matches.findIndex((match) => match.correct);
  const given = {
    given: report.diagnosis,
    icd10: report.icd10 ?? null,
    expected: patient.truth.diagnosis,
    expectedIcd10: patient.truth.icd10,
  };
  return [
    { metric: top1.name, value: bool(top.correct), detail: { ...given, match: top.kind } },
    {
      metric: top3.name,
      value: bool(hitRank >= 0),
      detail: { rank: hitRank >= 0 ? hitRank + 1 : null, considered: considered.map((entry) => entry.name) },
    },
    { metric: categoryMatch.name, value: bool(top.partial), detail: { given: report.icd10 ?? null, expected: patient.truth.icd10 } },
    {
      metric: icd10Category.name,
      value: bool(top.correct || top.partial),
      detail: { given: report.icd10 ?? null, expected: patient.truth.icd10 },
    },
    { metric: nearMiss.name, value: bool(top.kind === 'near-miss'), detail: { given: report.diagnosis } },
  ];
};
