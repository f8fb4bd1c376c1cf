import type { Chart } from '../../domain/chart.js';
import type { ChartEvidence } from '../builtin/chart-evidence.js';
import type { KnowledgeBase } from '../builtin/knowledge-base.js';
import type { Observation } from '../builtin/posterior.js';
import { normalise, topDisease } from '../builtin/posterior.js';
import type { SpecialistOptions } from '../builtin/specialist.js';
import type { DoctorBias } from './catalogue.js';

/** How strongly each bias bends the built-in doctor's reasoning (fixed, so runs are comparable). */
export const biasStrength = {
  /** The first finding counts this many times. */
  anchorWeight: 3,
  /** An anchored doctor adjusts too little: every other finding counts this share of its weight. */
  anchorAdjustment: 0.5,
  /** The findings learned last count this many times. */
  recencyWeight: 3,
  /** Share of a disconfirming finding's evidence the doctor ignores. */
  confirmationDiscount: 0.75,
  /** Prior odds of a recently diagnosed disease are multiplied by 1 + this × times diagnosed. */
  availabilityBoost: 4,
  /** Diagnose once the leading disease reaches this probability (unbiased: 0.85). */
  prematureConfidence: 0.5,
  /** The log posterior is multiplied by this (a sharper, overconfident differential). */
  overconfidencePower: 2,
  /** In women, cardiac diseases' odds are multiplied by this. */
  genderCardiacFactor: 0.35,
} as const;

/** What a doctor remembers from outside this journey: diseases it diagnosed recently in the run. */
export interface BiasMemory {
  /** Disease names (knowledge-base names), most recent last; repeats count. */
  recentDiagnoses: readonly string[];
}

const logOf = (p: number): number => Math.log(Math.max(p, 1e-300));

/** log P(observation | disease) for every disease. */
function logLikelihoods(kb: KnowledgeBase, observation: Observation): Float64Array {
  const count = kb.diseases.length;
  const column = observation.present ? kb.likelihood.logPresent : kb.likelihood.logAbsent;
  return column.slice(observation.finding * count, (observation.finding + 1) * count) as Float64Array;
}

/** Observations of the facts revealed first (the complaint) or last, as the chart orders them. */
function revealedObservations(kb: KnowledgeBase, chart: Chart, which: 'first' | 'last'): Observation[] {
  const facts = chart.revealed.filter((fact) => fact.source !== 'triage' && kb.findingIndex.has(fact.factId));
  if (facts.length === 0) return [];
  if (which === 'first') {
    const first = facts.find((fact) => fact.present) ?? facts[0];
    return [{ finding: kb.findingIndex.get(first.factId) ?? 0, present: first.present }];
  }
  const latest = Math.max(...facts.map((fact) => fact.t));
  if (latest === 0) return [];
  return facts
    .filter((fact) => fact.t === latest)
    .map((fact) => ({ finding: kb.findingIndex.get(fact.factId) ?? 0, present: fact.present }));
}

/**
 * The posterior as a biased doctor sees it: the unbiased posterior reshaped in log space. Each
 * bias is a pure function of the chart, the knowledge base and the doctor's memory, so the same
 * journey gives the same biased decisions (none needs a random draw).
 */
export function biasedPosterior(
  kb: KnowledgeBase,
  biases: readonly DoctorBias[],
  memory: BiasMemory,
  unbiased: Float64Array,
  evidence: ChartEvidence,
  chart: Chart,
): Float64Array {
  const has = (bias: DoctorBias): boolean => biases.includes(bias);
  const log = Float64Array.from(unbiased, logOf);
  const addWeighted = (observations: readonly Observation[], weight: number): void => {
    for (const observation of observations) {
      const ll = logLikelihoods(kb, observation);
      for (let d = 0; d < log.length; d++) log[d] += weight * ll[d];
    }
  };
  if (has('anchoring')) {
    // λ·(all evidence) + (1 − λ)·(prior and demographics) + (w − λ)·(the anchor): later findings count λ, the anchor w.
    const lambda = biasStrength.anchorAdjustment;
    const base = kb.logPrior;
    const demographic = kb.demographicTerms(chart.demographics);
    for (let d = 0; d < log.length; d++) log[d] = lambda * log[d] + (1 - lambda) * (base[d] + demographic[d]);
    addWeighted(revealedObservations(kb, chart, 'first'), biasStrength.anchorWeight - lambda);
  }
  if (has('base-rate-neglect')) for (let d = 0; d < log.length; d++) log[d] -= kb.logPrior[d];
  if (has('availability')) {
    for (let d = 0; d < log.length; d++) {
      const times = memory.recentDiagnoses.filter((name) => name === kb.diseases[d].name).length;
      log[d] += Math.log(1 + biasStrength.availabilityBoost * times);
    }
  }
  if (has('gender') && chart.demographics.sex === 'female') {
    kb.diseases.forEach((disease, d) => {
      if (disease.department === 'cardiology') log[d] += Math.log(biasStrength.genderCardiacFactor);
    });
  }
  if (has('recency')) addWeighted(revealedObservations(kb, chart, 'last'), biasStrength.recencyWeight - 1);
  if (has('confirmation')) {
    // The leading diagnosis so far; a finding is disconfirming when it is less likely under it than on average.
    const current = normalise(Float64Array.from(log));
    const leader = topDisease(kb, current);
    for (const observation of evidence.observations) {
      const ll = logLikelihoods(kb, observation);
      let expected = 0;
      for (let d = 0; d < ll.length; d++) expected += current[d] * ll[d];
      if (ll[leader] < expected) for (let d = 0; d < log.length; d++) log[d] -= biasStrength.confirmationDiscount * ll[d];
    }
  }
  if (has('overconfidence')) for (let d = 0; d < log.length; d++) log[d] *= biasStrength.overconfidencePower;
  return normalise(log);
}

/** Specialist options for a biased built-in doctor: the reshaped posterior, and premature closure's low threshold. */
export function biasedSpecialistOptions(
  kb: KnowledgeBase,
  biases: readonly DoctorBias[],
  memory: BiasMemory,
  base: SpecialistOptions,
): SpecialistOptions {
  const reshapes = biases.some((bias) => bias !== 'premature-closure');
  return {
    ...base,
    ...(biases.includes('premature-closure')
      ? { confidence: Math.min(base.confidence, biasStrength.prematureConfidence), confirmBeforeDiagnosis: false }
      : {}),
    ...(reshapes
      ? {
          adjustPosterior: (p: Float64Array, evidence: ChartEvidence, chart: Chart) =>
            biasedPosterior(kb, biases, memory, p, evidence, chart),
        }
      : {}),
  };
}
