import { z } from 'zod';

/**
 * A doctor profile as a file: the one schema for `profiles export`/`import`, the snapshot a run
 * freezes, and the rows of the profile tables. Canonical form: keys sorted at every level,
 * two-space indentation, a final newline, counts-only numbers (no timestamps, no run ids), so
 * export → import → export gives the same bytes and two trainings of the same seed compare equal.
 */
export const profileFormat = 'agent-hospital-profile';
export const profileFormatVersion = 1;

const departmentName = z.string().min(1);

export const profileConfigSchema = z.object({
  /** Specialist model spec the profile trains (`builtin`, `ollama:…`). */
  doctor: z.string().min(1),
  scenarios: z.array(z.string()),
  scenarioHash: z.string(),
  scenarioCount: z.number().int().nonnegative(),
  /** Training patients are (seed, 0…); held-out patients (heldOutSeed, 0…heldOutPatients-1). */
  seed: z.number().int().nonnegative(),
  heldOutSeed: z.number().int().nonnegative(),
  heldOutPatients: z.number().int().nonnegative(),
  /** Patients per window of the learning curve. */
  window: z.number().int().positive(),
  facility: z.enum(['village', 'county', 'tertiary']),
  maxTurns: z.number().int().positive(),
  maxReferrals: z.number().int().nonnegative(),
  /** Key findings per disease the built-in doctor starts knowing (`all`, or a count). */
  knownKeyFindings: z.union([z.literal('all'), z.number().int().nonnegative()]),
  retrieval: z.object({
    cases: z.number().int().nonnegative(),
    rules: z.number().int().nonnegative(),
    chars: z.number().int().nonnegative(),
  }),
  /** Embeddings model for case retrieval (`ollama:<model>`), when used. */
  embed: z.string().optional(),
});
export type ProfileConfig = z.infer<typeof profileConfigSchema>;

const countRowSchema = z.tuple([z.string(), z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()]);

export const caseSummarySchema = z.object({
  seq: z.number().int().nonnegative(),
  age: z.number(),
  sex: z.enum(['female', 'male']),
  complaint: z.string(),
  findings: z.array(z.object({ id: z.string(), text: z.string() })),
  helpfulTests: z.array(z.string()),
  diagnosis: z.string(),
  icd10: z.string(),
  department: departmentName,
  turns: z.number().int().nonnegative(),
  embedding: z.array(z.number()).optional(),
});

export const experienceRuleSchema = z.object({
  key: z.string(),
  mistaken: z.string(),
  missed: z.string(),
  missedIcd10: z.string(),
  triggers: z.record(z.string(), z.number().int().positive()),
  check: z.array(z.string()),
  support: z.number().int().positive(),
  lastSeq: z.number().int().nonnegative(),
});

export const trainingOutcomeSchema = z.object({
  index: z.number().int().nonnegative(),
  correct: z.boolean(),
  diagnosis: z.string().nullable(),
  trueDiagnosis: z.string(),
});

export const curvePointSchema = z.object({
  /** Patients learned from when the held-out set was evaluated. */
  trained: z.number().int().nonnegative(),
  patients: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  top3: z.number().int().nonnegative(),
});

export const profileExportSchema = z.object({
  format: z.literal(profileFormat),
  formatVersion: z.literal(profileFormatVersion),
  name: z.string().min(1),
  version: z.number().int().nonnegative(),
  trained: z.number().int().nonnegative(),
  config: profileConfigSchema,
  /** [disease, feature, present, absent], sorted. */
  counts: z.array(countRowSchema),
  cases: z.array(caseSummarySchema),
  rules: z.array(experienceRuleSchema),
  training: z.array(trainingOutcomeSchema),
  curve: z.array(curvePointSchema),
});
export type ProfileExport = z.infer<typeof profileExportSchema>;
export type TrainingOutcome = z.infer<typeof trainingOutcomeSchema>;
export type CurvePoint = z.infer<typeof curvePointSchema>;

/** A value with every object's keys sorted (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** The canonical text of a profile export. */
export const canonicalProfileText = (profile: ProfileExport): string => `${JSON.stringify(sortKeys(profile), null, 2)}\n`;
