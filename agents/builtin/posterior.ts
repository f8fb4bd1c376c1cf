import type { Demographics } from '../../domain/patient-case.js';
import type { Department } from '../../scenarios/schema.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** One finding known present or absent. */
export interface Observation {
  finding: number;
  present: boolean;
}

/** A disease with its posterior probability. */
export interface RankedDisease {
  index: number;
  scenarioId: string;
  name: string;
  icd10: string;
  department: Department;
  p: number;
}

/**
 * Naive-Bayes posterior over every disease of the knowledge base: prior × demographics ×
 * Π P(observation | disease), normalised. Returns probabilities indexed like `kb.diseases`.
 * `absentGroups` (tests performed, `@vitals`) count every finding of the group absent unless an
 * observation says it is present: the same result as listing them, with one precomputed sum each.
 */
export function posterior(
  kb: KnowledgeBase,
  observations: readonly Observation[],
  demographics?: Demographics,
  absentGroups: ReadonlySet<string> = noGroups,
): Float64Array {
  const count = kb.diseases.length;
  const log = Float64Array.from(kb.logPrior);
  if (demographics) {
    const terms = kb.demographicTerms(demographics);
    for (let d = 0; d < count; d++) log[d] += terms[d];
  }
  for (const group of absentGroups) {
    const sums = kb.groupAbsentLog(group);
    for (let d = 0; d < count; d++) log[d] += sums[d];
  }
  const { logPresent, logAbsent } = kb.likelihood;
  for (const { finding, present } of observations) {
    const group = absentGroups.size > 0 ? kb.groupOf(finding) : undefined;
    const base = finding * count;
    if (group !== undefined && absentGroups.has(group)) {
      // The group already counted this finding absent: correct it when it was found present.
      if (present) for (let d = 0; d < count; d++) log[d] += logPresent[base + d] - logAbsent[base + d];
      continue;
    }
    const column = present ? logPresent : logAbsent;
    for (let d = 0; d < count; d++) log[d] += column[base + d];
  }
  return normalise(log);
}

const noGroups: ReadonlySet<string> = new Set();

/** exp-normalise log weights in place and return them. */
export function normalise(log: Float64Array): Float64Array {
  let max = -Infinity;
  for (const value of log) if (value > max) max = value;
  let total = 0;
  for (let d = 0; d < log.length; d++) {
    log[d] = Math.exp(log[d] - max);
    total += log[d];
  }
  for (let d = 0; d < log.length; d++) log[d] /= total;
  return log;
}

/** Diseases by descending probability, ties broken by scenario id (so results are deterministic). */
export function rankDiseases(kb: KnowledgeBase, probabilities: Float64Array): RankedDisease[] {
  return kb.diseases
    .map((disease) => ({
      index: disease.index,
      scenarioId: disease.scenarioId,
      name: disease.name,
      icd10: disease.icd10,
      department: disease.department,
      p: probabilities[disease.index],
    }))
    .sort((a, b) => b.p - a.p || (a.scenarioId < b.scenarioId ? -1 : a.scenarioId > b.scenarioId ? 1 : 0));
}

/** Index of the most probable disease (ties: lowest scenario id). */
export function topDisease(kb: KnowledgeBase, probabilities: Float64Array): number {
  let best = 0;
  for (let d = 1; d < probabilities.length; d++) {
    const p = probabilities[d];
    if (p > probabilities[best] || (p === probabilities[best] && kb.diseases[d].scenarioId < kb.diseases[best].scenarioId)) best = d;
  }
  return best;
}

/** Posterior mass by department, largest first (ties by name). */
export function departmentMass(kb: KnowledgeBase, probabilities: Float64Array): { department: Department; p: number }[] {
  const mass = new Float64Array(kb.departments.length);
  for (let d = 0; d < probabilities.length; d++) mass[kb.departmentOf[d]] += probabilities[d];
  return kb.departments
    .map((department, i) => ({ department, p: mass[i] }))
    .sort((a, b) => b.p - a.p || (a.department < b.department ? -1 : 1));
}
