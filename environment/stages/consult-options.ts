import { InputError } from '../../domain/errors.js';
import type { ConsultSettings } from '../journey-state.js';
import { defaultConsultSettings } from './consult.js';

const modes = ['never', 'auto', 'always'] as const;

/** `--consult never|auto|always`. */
export function consultModeOption(raw: string): ConsultSettings['mode'] {
  const mode = raw.trim().toLowerCase();
  if (!(modes as readonly string[]).includes(mode)) throw new InputError('--consult', 'value', `one of ${modes.join(', ')} (got "${raw}")`);
  return mode as ConsultSettings['mode'];
}

/** `--consult-threshold`: a confidence from 0 to 1. */
export function consultThresholdOption(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new InputError('--consult-threshold', 'value', `a confidence from 0 to 1 (got "${raw}")`);
  return value;
}

/**
 * The run-config fields for the consult flags: nothing when consults stay off (so such runs'
 * configs are what they were before consults existed). A threshold alone means `auto`.
 */
export function consultConfig(mode: ConsultSettings['mode'] | undefined, threshold: number | undefined): { consult?: ConsultSettings } {
  const chosen = mode ?? (threshold !== undefined ? 'auto' : 'never');
  if (chosen === 'never') return {};
  return { consult: { ...defaultConsultSettings, mode: chosen, threshold: threshold ?? defaultConsultSettings.threshold } };
}
