import { isEvent } from '../domain/journey.js';
import { bool, unscored, type Score, type Scorer } from '../domain/score.js';

/**
 * Department and acuity chosen at triage (the first triage event), against the scenario.
 * Acuity runs 1 (resuscitation) to 5 (non-urgent): a number above the truth is under-triage.
 * Under-triage of patients with a red flag is reported on its own (`underTriageRedFlag`).
 */
export const scoreTriage: Scorer = (journey, patient) => {
  const decision = journey.events.find((event) => isEvent(event, 'triage'))?.data;
  const metrics = ['triageDepartment', 'triageAcuity', 'underTriage', 'overTriage', 'underTriageRedFlag'];
  if (!decision) return metrics.map((metric) => unscored(metric, 'no triage decision'));
  const { department, acuity } = decision;
  const truth = patient.truth;
  const acuityDetail = { given: acuity, expected: truth.acuity, difference: acuity - truth.acuity };
  const scores: Score[] = [
    { metric: 'triageDepartment', value: bool(department === truth.department), detail: { given: department, expected: truth.department } },
    { metric: 'triageAcuity', value: bool(acuity === truth.acuity), detail: acuityDetail },
    { metric: 'underTriage', value: bool(acuity > truth.acuity), detail: acuityDetail },
    { metric: 'overTriage', value: bool(acuity < truth.acuity), detail: acuityDetail },
  ];
  scores.push(
    truth.redFlags.length === 0
      ? unscored('underTriageRedFlag', 'no red flag in this patient')
      : { metric: 'underTriageRedFlag', value: bool(acuity > truth.acuity), detail: { ...acuityDetail, redFlags: truth.redFlags } },
  );
  return scores;
};
