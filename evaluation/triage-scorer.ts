import { isEvent } from '../domain/journey.js';
import { bool, unscored, type Score, type Scorer } from '../domain/score.js';
import { defineMetrics } from './metric-registry.js';

export const triageMetrics = defineMetrics({
  triageDepartment: {
    kind: 'rate',
    label: 'Triage department',
    short: 'Triage dept',
    higherIsBetter: true,
    views: ['summary', 'report', 'groups', 'compare', 'leaderboard'],
  },
  triageAcuity: { kind: 'rate', label: 'Triage acuity', higherIsBetter: true, views: ['summary', 'report'] },
  underTriage: { kind: 'rate', label: 'Under-triage', higherIsBetter: false, views: ['summary', 'report'] },
  overTriage: { kind: 'rate', label: 'Over-triage', higherIsBetter: false, views: [] },
  underTriageRedFlag: { kind: 'rate', label: 'Under-triage of red-flag patients', higherIsBetter: false, views: ['summary', 'report'] },
});
const { triageDepartment, triageAcuity, underTriage, overTriage, underTriageRedFlag } = triageMetrics;

/**
 * Department and acuity chosen at triage (the first triage event), against the scenario.
 * Acuity runs 1 (resuscitation) to 5 (non-urgent): a number above the truth is under-triage.
 * Under-triage of patients with a red flag is reported on its own (`underTriageRedFlag`).
 */
export const scoreTriage: Scorer = (journey, patient) => {
  const decision = journey.events.find((event) => isEvent(event, 'triage'))?.data;
  const metrics = [triageDepartment, triageAcuity, underTriage, overTriage, underTriageRedFlag].map(({ name }) => name);
  if (!decision) return metrics.map((metric) => unscored(metric, 'no triage decision'));
  const { department, acuity } = decision;
  const truth = patient.truth;
  const acuityDetail = { given: acuity, expected: truth.acuity, difference: acuity - truth.acuity };
  const scores: Score[] = [
    {
      metric: triageDepartment.name,
      value: bool(department === truth.department),
      detail: { given: department, expected: truth.department },
    },
    { metric: triageAcuity.name, value: bool(acuity === truth.acuity), detail: acuityDetail },
    { metric: underTriage.name, value: bool(acuity > truth.acuity), detail: acuityDetail },
    { metric: overTriage.name, value: bool(acuity < truth.acuity), detail: acuityDetail },
  ];
  scores.push(
    truth.redFlags.length === 0
      ? unscored(underTriageRedFlag.name, 'no red flag in this patient')
      : { metric: underTriageRedFlag.name, value: bool(acuity > truth.acuity), detail: { ...acuityDetail, redFlags: truth.redFlags } },
  );
  return scores;
};
