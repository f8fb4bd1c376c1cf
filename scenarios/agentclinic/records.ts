import { basename } from 'node:path';
import type { Leak } from '../leaks.js';
import type { LoadedScenario } from '../loader.js';
import { slugify } from './text.js';

export const agentClinicLicense = 'AgentClinic (Schmidgall et al., 2024), MIT licence, https://github.com/SamuelSchmidgall/AgentClinic';

/** One bad line of an import file. `message` is the one line printed for it. */
export interface ImportProblem {
  file: string;
  line: number;
  field: string;
  expected: string;
  message: string;
}

export interface ImportOptions {
  /** Variant name in ids (default: from the file name, e.g. "medqa", "nejm-extended"). */
  variant?: string;
  /** Leave out cases whose visible text names the diagnosis. */
  excludeLeaky?: boolean;
  /** The library scenarios to take ICD-10 codes, departments and synonyms from (default: built-in). */
  library?: readonly LoadedScenario[];
}

export interface ImportedCase {
  line: number;
  scenario: LoadedScenario;
  leaks: Leak[];
  /** Library scenario whose code and department were used, if the diagnosis matched one. */
  libraryMatch?: string;
}

export interface ImportResult {
  file: string;
  variant: string;
  /** Non-empty lines read. */
  lines: number;
  cases: ImportedCase[];
  /** Cases left out because they leak (only with excludeLeaky). */
  excluded: ImportedCase[];
  problems: ImportProblem[];
}

/** A record-level failure: which field, and what was expected there. */
export class RecordError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
  }
}

/** "agentclinic_medqa_extended.jsonl" → "medqa-extended". */
export function variantOf(file: string): string {
  const name = basename(file).replace(/\.(jsonl|json|ndjson|txt)$/i, '');
  return slugify(name.replace(/^agent[-_]?clinic[-_]?/i, ''), 32) || 'cases';
}

/** One bad line as reported: `file:line: field: expected …`. */
export function problemOf(file: string, line: number, field: string, expected: string): ImportProblem {
  return { file, line, field, expected, message: `${file}:${line}: ${field}: expected ${expected}` };
}
