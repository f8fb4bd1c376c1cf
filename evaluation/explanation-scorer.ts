import { resolveEvidence, revealedFactIds } from './journey-facts.js';
import { unscored, type Scorer } from '../domain/score.js';
import { defineMetrics } from './metric-registry.js';

export const explanationMetrics = defineMetrics({
  evidenceRecall: {
    kind: 'mean',
    percent: true,
    label: 'Evidence recall (key findings cited)',
    short: 'Evidence recall',
    higherIsBetter: true,
    views: ['summary', 'report', 'groups', 'compare', 'leaderboard'],
  },
  grounding: {
    kind: 'mean',
    percent: true,
    label: 'Grounding (citations revealed)',
    short: 'Grounding',
    higherIsBetter: true,
    views: ['summary', 'report', 'compare', 'leaderboard'],
  },
});

/**
 * Explanation quality.
 * - evidenceRecall: of the patient's key findings that were present and revealed in this journey,
 *   the share the report cites (unscored when no key finding was revealed, or no report).
 * - grounding: of the evidence items cited, the share that are facts revealed in this journey;
 *   unknown fact ids, facts never revealed and free text naming no revealed fact count against it
 *   (unscored when nothing is cited).
 */
export const scoreExplanation: Scorer = (journey, patient) => {
  const report = journey.report;
  if (!report)
    return [
      unscored(explanationMetrics.evidenceRecall.name, 'no diagnosis report'),
      unscored(explanationMetrics.grounding.name, 'no diagnosis report'),
    ];
  const revealed = revealedFactIds(journey);
  const resolved = resolveEvidence(report.evidence, patient, revealed);
  const cited = new Set(resolved.flatMap((item) => (item.status === 'revealed' && item.factId ? [item.factId] : [])));
  const keyRevealed = patient.facts.filter((fact) => fact.key && fact.present && revealed.has(fact.id)).map((fact) => fact.id);
  const keyCited = keyRevealed.filter((id) => cited.has(id));
  const recall =
    keyRevealed.length === 0
      ? unscored(explanationMetrics.evidenceRecall.name, 'no key finding was revealed')
      : { metric: explanationMetrics.evidenceRecall.name, value: keyCited.length / keyRevealed.length, detail: { keyRevealed, keyCited } };
  const grounded = resolved.filter((item) => item.status === 'revealed');
  const ungrounded = resolved
    .filter((item) => item.status !== 'revealed')
    .map((item) => ({ text: item.text, factId: item.factId ?? null, status: item.status }));
  const grounding =
    resolved.length === 0
      ? unscored(explanationMetrics.grounding.name, 'no evidence cited')
      : {
          metric: explanationMetrics.grounding.name,
          value: grounded.length / resolved.length,
          detail: { cited: resolved.length, grounded: grounded.length, ungrounded },
        };
  return [recall, grounding];
};
