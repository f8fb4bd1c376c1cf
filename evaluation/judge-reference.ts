import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { packageRoot } from '../domain/paths.js';
import type { CaseTruth } from '../domain/patient-case.js';
import { departments } from '../domain/vocabulary.js';
import { judgeVerdictSchema } from './judge-prompt.js';

/**
 * The hand-labelled reference set a judge is validated against: one JSON object a line, each a
 * diagnosis as a doctor might give it, the reference diagnosis of a library scenario (with its
 * synonyms, acceptable answers and near misses as the scenario had them when it was labelled),
 * and the verdict a careful clinician gives. How it was labelled: evaluation/data/README.md.
 */
export const referenceCaseKinds = [
  'same-disease',
  'more-specific',
  'broader',
  'misspelling',
  'abbreviation',
  'lay-term',
  'negation',
  'hedge',
  'list',
  'acute-chronic',
  'type',
  'hepatitis',
  'laterality',
  'benign-malignant',
  'near-miss',
  'different-disease',
  'icd10',
  'no-diagnosis',
  'injection',
] as const;
export type ReferenceCaseKind = (typeof referenceCaseKinds)[number];

export const judgeReferenceItemSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  kind: z.enum(referenceCaseKinds),
  scenario: z.string().min(1),
  reference: z.strictObject({
    diagnosis: z.string().min(1),
    icd10: z.string(),
    department: z.enum(departments),
    synonyms: z.array(z.string()),
    acceptable: z.array(z.string()),
    nearMisses: z.array(z.string()),
  }),
  given: z.strictObject({ diagnosis: z.string(), icd10: z.string().optional() }),
  verdict: judgeVerdictSchema,
  why: z.string().min(1),
});
export type JudgeReferenceItem = z.output<typeof judgeReferenceItemSchema>;

export const defaultJudgeReferenceFile = (): string => join(packageRoot(), 'evaluation', 'data', 'judge-reference.jsonl');

/** Read a reference set; a bad line is an InputError naming the file, the line and the field. */
export function loadJudgeReference(file: string = defaultJudgeReferenceFile()): JudgeReferenceItem[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, 'file', code === 'EISDIR' ? 'a JSONL file, not a directory' : 'a readable JSONL file');
  }
  const items: JudgeReferenceItem[] = [];
  const ids = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError(where, '(line)', 'one JSON object');
    }
    const parsed = judgeReferenceItemSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(where, issue.path.join('.') || '(root)', issue.message);
    }
    if (ids.has(parsed.data.id)) throw new InputError(where, 'id', `an id unique in the set ("${parsed.data.id}" is used twice)`);
    ids.add(parsed.data.id);
    items.push(parsed.data);
  });
  if (items.length === 0) throw new InputError(file, 'lines', 'at least one labelled diagnosis');
  return items;
}

/** The reference as the judge and the matcher take it. */
export function referenceTruth(item: JudgeReferenceItem): CaseTruth {
  const { diagnosis, icd10, department, synonyms, acceptable, nearMisses } = item.reference;
  return { diagnosis, icd10, department, synonyms, acceptable, nearMisses, acuity: 3, redFlags: [], treatment: '' };
}
