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
  const order = [...probabilities.keys()]
    .filter((d) => probabilities[d] >= floor)
    .sort((a, b) => probabilities[b] - probabilities[a] || a - b);
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

/** A finding with its expected information gain (nats). */
export interface FindingGain {
  finding: number;
  gain: number;
}

interface Scratch {
  sumP: Float64Array;
  sumH: Float64Array;
  marked: Uint8Array;
}
const scratchFor = new WeakMap<KnowledgeBase, Scratch>();

/**
 * `findingGain` for every finding some active disease lists, in ascending finding order. A disease
 * that does not list a finding holds its background rate, so only listed cells need visiting:
 * the cost is the number of listed cells of the active diseases, not active × vocabulary.
 */
export function candidateGains(kb: KnowledgeBase, active: ActiveDifferential): FindingGain[] {
  let scratch = scratchFor.get(kb);
  if (!scratch || scratch.marked.length !== kb.findings.length) {
    const size = kb.findings.length;
    scratch = { sumP: new Float64Array(size), sumH: new Float64Array(size), marked: new Uint8Array(size) };
    scratchFor.set(kb, scratch);
  }
  const { sumP, sumH, marked } = scratch;
  const { p, entropy } = kb.likelihood;
  const count = kb.diseases.length;
  const touched: number[] = [];
  for (let i = 0; i < active.diseases.length; i++) {
    const d = active.diseases[i];
    const w = active.weights[i];
    for (const f of kb.likelihood.listedFindings(d)) {
      const background = kb.likelihood.backgroundOf(f);
      const cell = f * count + d;
      if (marked[f] === 0) {
        marked[f] = 1;
        touched.push(f);
      }
      sumP[f] += w * (p[cell] - background);
      sumH[f] += w * (entropy[cell] - kb.likelihood.backgroundEntropy(f));
    }
  }
  touched.sort((a, b) => a - b);
  const gains: FindingGain[] = touched.map((f) => {
    const background = kb.likelihood.backgroundOf(f);
    const gain = Math.max(0, binaryEntropy(background + sumP[f]) - (kb.likelihood.backgroundEntropy(f) + sumH[f]));
    sumP[f] = 0;
    sumH[f] = 0;
    marked[f] = 0;
    return { finding: f, gain };
  });
  return gains;
}
