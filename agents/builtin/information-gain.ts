import type { KnowledgeBase } from './knowledge-base.js';

/**
 * The diseases still worth discriminating between: the posterior restricted to those above a
 * floor (at most `limit` of them), renormalised. Gains computed over it are what a question or
 * a test can still tell the doctor.
 */
export interface ActiveDifferential {
  diseases: number[];
  weights: Float64Array;
  /** Entropy of the restricted posterior, in nats. */
  entropy: number;
}

export function activeDifferential(probabilities: Float64Array, floor = 1e-3, limit = 25): ActiveDifferential {
  const order = [...probabilities.keys()].filter((d) => probabilities[d] >= floor).sort((a, b) => probabilities[b] - probabilities[a] || a - b);
  const diseases = order.slice(0, limit);
  const weights = new Float64Array(diseases.length);
  let total = 0;
  diseases.forEach((d, i) => {
    weights[i] = probabilities[d];
    total += probabilities[d];
  });
  let entropy = 0;
  for (let i = 0; i < weights.length; i++) {
    weights[i] /= total;
    if (weights[i] > 0) entropy -= weights[i] * Math.log(weights[i]);
  }
  return { diseases, weights, entropy };
}

const binaryEntropy = (p: number): number => (p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p)));

/**
 * Expected information gain of observing one finding: the mutual information between the
 * finding and the disease, H(P(f)) − Σ_d π_d H(P(f | d)), in nats.
 */
export function findingGain(kb: KnowledgeBase, active: ActiveDifferential, finding: number): number {
  const { p, entropy } = kb.likelihood;
  const base = finding * kb.diseases.length;
  let marginal = 0;
  let conditional = 0;
  for (let i = 0; i < active.diseases.length; i++) {
    const cell = base + active.diseases[i];
    marginal += active.weights[i] * p[cell];
    conditional += active.weights[i] * entropy[cell];
  }
  return Math.max(0, binaryEntropy(marginal) - conditional);
}

/** Findings some active disease lists, ascending (any other finding has the same background rate in all of them). */
export function candidateFindings(kb: KnowledgeBase, active: ActiveDifferential): number[] {
  const marked = new Uint8Array(kb.findings.length);
  for (const d of active.diseases) for (const f of kb.likelihood.listedFindings(d)) marked[f] = 1;
  const candidates: number[] = [];
  for (let f = 0; f < marked.length; f++) if (marked[f] === 1) candidates.push(f);
  return candidates;
}
