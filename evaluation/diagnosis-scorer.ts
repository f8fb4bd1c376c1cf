import { icd10Category, matchDiagnosis, rankedDiagnoses, type DiagnosisMatch } from '../scenarios/diagnosis-match/index.js';
import { bool, type Scorer } from '../domain/score.js';

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
    return ['top1', 'top3', 'partial', 'icd10Category', 'nearMiss'].map((metric) => ({ metric, value: 0, detail }));
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
  const category = icd10Category(report.icd10);
  return [
    { metric: 'top1', value: bool(top.correct), detail: { ...given, ...verdict } },
    {
      metric: 'top3',
      value: bool(hitRank >= 0),
      detail: {
        rank: hitRank >= 0 ? hitRank + 1 : null,
        considered: considered.map((entry) => entry.name),
        verdicts: matches.map((match) => match.verdict),
      },
    },
    { metric: 'partial', value: bool(top.partial), detail: { given: report.diagnosis, ...verdict } },
    {
      metric: 'icd10Category',
      value: bool(category !== undefined && category === icd10Category(patient.truth.icd10)),
      detail: { given: report.icd10 ?? null, expected: patient.truth.icd10 },
    },
    { metric: 'nearMiss', value: bool(top.rule === 'near-miss'), detail: { given: report.diagnosis, matched: top.matched?.text ?? null } },
  ];
};
