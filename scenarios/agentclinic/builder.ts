import type { Catalogue } from '../catalogue.js';
import type { Finding, TestFinding } from '../schema.js';
import { asSentence, capitalise, humanise, isRecord, prose, sentences, slugify } from './text.js';
import { classifyVital, vitalNameOf } from './vitals.js';

/** One scenario under construction: its facts, free text, and the record field each came from. */
export interface Builder {
  variant: string;
  line: number;
  catalogue: Catalogue;
  findings: Finding[];
  tests: TestFinding[];
  history: string[];
  results: Record<string, { name: string; text: string }>;
  fields: Record<string, string>;
  ids: Set<string>;
  age: number;
  /** The library scenario the diagnosis matched, once assembled. */
  libraryMatch?: string;
}

export function newBuilder(variant: string, line: number, catalogue: Catalogue, age: number): Builder {
  return { variant, line, catalogue, findings: [], tests: [], history: [], results: {}, fields: {}, ids: new Set(), age };
}

export function uniqueId(builder: Builder, base: string): string {
  let id = base || 'ac-finding';
  for (let n = 2; builder.ids.has(id); n++) id = `${base}-${n}`;
  builder.ids.add(id);
  return id;
}

export function addVital(builder: Builder, key: string, value: unknown, field: string): void {
  const text = prose(value);
  if (!text) return;
  const name = vitalNameOf(key);
  const label = name ? capitalise(name) : humanise(key);
  const reading = { id: name ? classifyVital(name, text, builder.age) : undefined, text: `${label} ${text}` };
  const id = uniqueId(builder, reading.id && !builder.ids.has(reading.id) ? reading.id : `ac-vital-${slugify(key)}`);
  builder.findings.push({ id, kind: 'vital', text: reading.text, p: 1, ask: [], key: false });
  builder.fields[`findings.${id}`] = field;
}

/** Leaves of a nested value with their key paths. */
export function leaves(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
  if (Array.isArray(value) && value.some((item) => isRecord(item) || Array.isArray(item)))
    return value.flatMap((item, i) => leaves(item, [...path, String(i)]));
  const text = prose(value);
  return text ? [{ path, text }] : [];
}

export function addTestFact(builder: Builder, testId: string, findingName: string, text: string, field: string): void {
  const base = slugify(findingName, 40) || 'result';
  let finding = base;
  for (let n = 2; builder.tests.some((t) => t.test === testId && t.finding === finding); n++) finding = `${base}-${n}`;
  builder.tests.push({ test: testId, finding, text, p: 1, key: false });
  builder.fields[`tests.${testId}:${finding}`] = field;
}

export function addUnmappedResult(builder: Builder, name: string, lines: { text: string; field: string }[], field: string): void {
  if (lines.length === 0) return;
  let key = `ac-${slugify(name) || 'result'}`;
  for (let n = 2; builder.results[key]; n++) key = `ac-${slugify(name) || 'result'}-${n}`;
  builder.results[key] = { name: humanise(name), text: lines.map((line) => line.text).join('\n') };
  builder.fields[`results.${key}`] = field;
  lines.forEach((line, i) => (builder.fields[`results.${key}.${i}`] = line.field));
}

export const historySections: [string, string][] = [
  ['History', ''],
  ['Past_Medical_History', 'Past medical history'],
  ['Social_History', 'Social history'],
  ['Family_History', 'Family history'],
  ['Review_of_Systems', 'Review of systems'],
  ['Current_Medications', 'Current medications'],
  ['Medications', 'Medications'],
  ['Drug_History', 'Drug history'],
  ['Allergies', 'Allergies'],
];

export function addHistory(builder: Builder, key: string, value: unknown, field: string, prefix: string): void {
  const text = Array.isArray(value) ? value.map(prose).filter(Boolean).map(asSentence).join(' ') : prose(value);
  if (!text) return;
  for (const sentence of sentences(text)) {
    const i = builder.history.length;
    builder.history.push(prefix ? `${prefix}: ${sentence}` : sentence);
    builder.fields[`history.${i}`] = field;
  }
  void key;
}
