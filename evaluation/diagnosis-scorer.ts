import { icd10Category as categoryOf, matchDiagnosis, rankedDiagnoses, type DiagnosisMatch } from '../scenarios/diagnosis-match/index.js';
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
  partial: { kind: 'rate', label: 'Partial (a broader name of the disease)', higherIsBetter: null, views: ['summary', 'report'] },
  icd10Category: { kind: 'rate', label: 'ICD-10 category', higherIsBetter: true, views: ['summary'] },
  nearMiss: { kind: 'rate', label: 'Near miss named', higherIsBetter: false, views: ['summary', 'report'] },
});
const { top1, top3, partial, icd10Category, nearMiss } = diagnosisMetrics;

/**
 * Top-1 and top-3 against the truth by the diagnosis matcher's verdicts: only `correct` counts.
 * A broader name of the same disease (`partial`) is reported on its own, as is a scenario's near
 * miss; `icd10Category` says only whether the given code falls in the truth's ICD-10 category,
 * for information (a code never makes a name right). No diagnosis scores as wrong, not unscored.
 */
export const scoreDiagnosis: Scorer = (journey, patient) => {
  const report = journey.report;
  if (!report || !report.diagnosis.trim()) {
    const detail = { reason: 'no diagnosis given', status: journey.status };
    return [top1, top3, partial, icd10Category, nearMiss].map(({ name }) => ({ metric: name, value: 0, detail }));
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
  const verdict = { verdict: top.verdict, rule: top.rule, reason: top.reason };
  const category = categoryOf(report.icd10);
  return [
    { metric: top1.name, value: bool(top.correct), detail: { ...given, ...verdict } },
    {
      metric: top3.name,
      value: bool(hitRank >= 0),
      detail: {
        rank: hitRank >= 0 ? hitRank + 1 : null,
        considered: considered.map((entry) => entry.name),
        verdicts: matches.map((match) => match.verdict),
      },
    },
    { metric: partial.name, value: bool(top.partial), detail: { given: report.diagnosis, ...verdict } },
    {
      metric: icd10Category.name,
      value: bool(category !== undefined && category === categoryOf(patient.truth.icd10)),
      detail: { given: report.icd10 ?? null, expected: patient.truth.icd10 },
    },
    {
      metric: nearMiss.name,
      value: bool(top.rule === 'near-miss'),
      detail: { given: report.diagnosis, matched: top.matched?.text ?? null },
    },
  ];
};
