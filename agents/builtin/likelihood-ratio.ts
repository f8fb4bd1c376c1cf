import type { KnowledgeBase } from './knowledge-base.js';

/**
 * P(finding present) under a mixture of diseases: those `inGroup` accepts, weighted by their
 * posterior. Falls back to the finding's background rate when the group has no mass.
 */
export function mixtureProbability(
  kb: KnowledgeBase,
  probabilities: Float64Array,
  finding: number,
  inGroup: (disease: number) => boolean,
): number {
  const count = kb.diseases.length;
  const base = finding * count;
  let mass = 0;
  let weighted = 0;
  for (let d = 0; d < count; d++) {
    if (!inGroup(d)) continue;
    mass += probabilities[d];
    weighted += probabilities[d] * kb.likelihood.p[base + d];
  }
  return mass > 1e-12 ? weighted / mass : kb.likelihood.backgroundOf(finding);
}

/**
 * log likelihood ratio of an observation for a group of diseases against the rest of the
 * posterior: positive when it argues for the group.
 */
export function logLikelihoodRatio(
  kb: KnowledgeBase,
  probabilities: Float64Array,
  finding: number,
  present: boolean,
  inGroup: (disease: number) => boolean,
): number {
  const pIn = mixtureProbability(kb, probabilities, finding, inGroup);
  const pOut = mixtureProbability(kb, probabilities, finding, (d) => !inGroup(d));
  return present ? Math.log(pIn / pOut) : Math.log((1 - pIn) / (1 - pOut));
}
