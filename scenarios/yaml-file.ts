import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../domain/errors.js';

/**
 * Read a YAML file and validate it with a zod schema. Every failure becomes one InputError that
 * names the file, the line where known, the field path and what was expected.
 */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file', 'a readable YAML file (it does not exist or cannot be read)');
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error.linePos?.[0]?.line;
    const message = error.message.split('\n')[0];
    throw new InputError(line ? `${file}:${line}` : file, 'yaml', `valid YAML (${message})`);
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String);
  const line = lineOf(doc, lines, issue.path as (string | number)[]);
  throw new InputError(line ? `${file}:${line}` : file, path.join('.') || '(top level)', describeIssue(issue));
}

/** Line of the deepest node on the path that exists in the document. */
export function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'too_big':
    case 'too_small':
    case 'invalid_format':
    case 'custom':
      return `expected ${issue.message.replace(/^(Too (big|small)|Invalid [a-z ]+): /, '').replace(/^expected /, '')}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (not in the schema)`;
    default:
      return `expected ${issue.message}`;
  }
}
