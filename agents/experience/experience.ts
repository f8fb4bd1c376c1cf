import { ExperienceCounts } from './counts.js';
import type { ExperienceDelta } from './learner.js';
import type { CaseSummary, ExperienceRule } from './types.js';

/**
 * A doctor's accumulated experience in memory: counts (what the built-in doctor learns its
 * probabilities from), the case base and the experience base. Loaded from a profile, grown by
 * `apply` after each journey, and written back by the profile store in the same step.
 */
export class DoctorExperience {
  readonly rules: Map<string, ExperienceRule>;

  constructor(
    readonly counts: ExperienceCounts = new ExperienceCounts(),
    readonly cases: CaseSummary[] = [],
    rules: Iterable<ExperienceRule> = [],
  ) {
    this.rules = new Map([...rules].map((rule) => [rule.key, rule]));
  }

  apply(delta: ExperienceDelta): void {
    for (const row of delta.counts) this.counts.add(row.disease, row.feature, row.present, row.absent);
    if (delta.newCase) this.cases.push(delta.newCase);
    if (delta.rule) this.rules.set(delta.rule.key, delta.rule);
  }

  /** Rules in key order (stable for rendering and export). */
  sortedRules(): ExperienceRule[] {
    return [...this.rules.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
