import { writeFileSync } from 'node:fs';
import { InputError } from '../domain/errors.js';
import { facilityLevels, type FacilityLevel } from '../scenarios/schema.js';

/** Parsers for option values: each failure is one InputError naming the flag and what it takes. */
export function integerOption(flag: string, { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = {}) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
      throw new InputError(flag, 'value', `an integer ${range} (got "${raw}")`);
    }
    return value;
  };
}

export function numberOption(flag: string, { min = 0 } = {}) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new InputError(flag, 'value', `a number ≥ ${min} (got "${raw}")`);
    return value;
  };
}

export function facilityOption(raw: string): FacilityLevel {
  if (!(facilityLevels as readonly string[]).includes(raw)) {
    throw new InputError('--facility', 'value', `one of ${facilityLevels.join(', ')} (got "${raw}")`);
  }
  return raw as FacilityLevel;
}

/** Collect a repeatable option into a list. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Write to a file when one is given, else to stdout. */
export function emit(text: string, outFile?: string): void {
  if (outFile) writeFileSync(outFile, text);
  else process.stdout.write(text);
}
