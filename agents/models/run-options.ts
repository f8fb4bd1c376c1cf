import { InputError } from '../../domain/errors.js';
import type { CacheMode } from './cache.js';
import { formatModelSpec, parseModelSpec } from './spec.js';

/** The roles a run can give a model, with the `hospital run` flag that sets each. */
export const roleFlags = {
  triage: '--triage',
  specialist: '--specialist',
  followUp: '--followup',
  patient: '--patient-model',
  examiner: '--examiner',
} as const;
export type ModelRoleName = keyof typeof roleFlags;

/** The flags as commander parses them (`--patient-model` → `patientModel`). */
export interface ModelFlags {
  /** Sets triage, specialist and follow-up at once; a role's own flag wins. */
  doctor?: string;
  triage?: string;
  specialist?: string;
  followup?: string;
  patientModel?: string;
  examiner?: string;
}

/**
 * The model spec of every role from the run flags, validated (a bad spec is an InputError naming
 * its flag) and written in canonical form. Unset roles are built-in.
 */
export function roleModelsFromFlags(flags: ModelFlags): Record<ModelRoleName, string> {
  const pick = (own: string | undefined, ownFlag: string, doctor?: string): string => {
    if (own !== undefined) return formatModelSpec(parseModelSpec(own, ownFlag));
    if (doctor !== undefined) return formatModelSpec(parseModelSpec(doctor, '--doctor'));
    return 'builtin';
  };
  return {
    triage: pick(flags.triage, roleFlags.triage, flags.doctor),
    specialist: pick(flags.specialist, roleFlags.specialist, flags.doctor),
    followUp: pick(flags.followup, roleFlags.followUp, flags.doctor),
    patient: pick(flags.patientModel, roleFlags.patient),
    examiner: pick(flags.examiner, roleFlags.examiner),
  };
}

/** `--model-timeout SECONDS` in milliseconds. */
export function parseModelTimeout(text: string | undefined, where = '--model-timeout'): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || text.trim() === '') {
    throw new InputError(where, 'seconds', 'a positive number of seconds, e.g. 120');
  }
  return Math.round(seconds * 1000);
}

/** `--no-cache` (commander: cache false) and `--replay` as one cache mode. */
export function cacheModeFromFlags(flags: { cache?: boolean; replay?: boolean }): CacheMode {
  if (flags.replay && flags.cache === false) {
    throw new InputError('--replay', 'options', 'not together with --no-cache (replay reads the cache)');
  }
  if (flags.replay) return 'replay';
  return flags.cache === false ? 'off' : 'read-write';
}
