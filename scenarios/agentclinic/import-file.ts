import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../domain/errors.js';
import type { Catalogue } from '../catalogue.js';
import { checkLeaks } from '../leaks.js';
import { compileScenario, type LoadedScenario } from '../loader.js';
import { scenarioSchema, type Scenario, type ScenarioFile } from '../schema.js';
import { libraryScenarios } from './library.js';
import { nejmScenario } from './nejm.js';
import { osceScenario } from './osce.js';
import { type ImportedCase, type ImportOptions, type ImportResult, problemOf, RecordError, variantOf } from './records.js';
import { isRecord } from './text.js';

/** Reading AgentClinic files: one scenario per good line, one problem per bad line. */

/** One parsed line: a scenario, or the problem that stopped it. */
export function importRecord(
  record: unknown,
  file: string,
  line: number,
  catalogue: Catalogue,
  options: ImportOptions = {},
): LoadedScenario {
  return buildRecord(record, file, line, catalogue, options).scenario;
}

function buildRecord(
  record: unknown,
  file: string,
  line: number,
  catalogue: Catalogue,
  options: ImportOptions,
): { scenario: LoadedScenario; libraryMatch?: string } {
  const variant = options.variant ?? variantOf(file);
  const library = options.library ?? libraryScenarios(catalogue);
  if (!isRecord(record)) throw new RecordError('(line)', 'a JSON object (an AgentClinic case)');
  const built =
    'OSCE_Examination' in record || !('answers' in record || 'question' in record)
      ? osceScenario(record, variant, line, catalogue, library)
      : nejmScenario(record, variant, line, catalogue, library);
  const input = { ...built.scenario, source: { ...built.scenario.source, file: basename(file) } } as ScenarioFile;
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecordError(issue.path.map(String).join('.') || '(case)', `a value the scenario schema accepts (${issue.message})`);
  }
  return { scenario: compileScenario(parsed.data as Scenario, '', catalogue), libraryMatch: built.builder.libraryMatch };
}

/** Import the text of an AgentClinic JSONL file (every line on its own; bad lines reported). */
export function importAgentClinicText(text: string, file: string, catalogue: Catalogue, options: ImportOptions = {}): ImportResult {
  const variant = options.variant ?? variantOf(file);
  const result: ImportResult = { file, variant, lines: 0, cases: [], excluded: [], problems: [] };
  const rows = text.split(/\r?\n/);
  rows.forEach((row, i) => {
    const line = i + 1;
    if (!row.trim()) return;
    result.lines++;
    let record: unknown;
    try {
      record = JSON.parse(row);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'not JSON';
      result.problems.push(problemOf(file, line, '(line)', `one JSON object per line (${reason})`));
      return;
    }
    try {
      const { scenario, libraryMatch } = buildRecord(record, file, line, catalogue, { ...options, variant });
      const leaks = checkLeaks(scenario).leaks;
      const imported: ImportedCase = { line, scenario, leaks, ...(libraryMatch ? { libraryMatch } : {}) };
      if (options.excludeLeaky && leaks.length > 0) result.excluded.push(imported);
      else result.cases.push(imported);
    } catch (error) {
      if (error instanceof RecordError) result.problems.push(problemOf(file, line, error.field, error.expected));
      else
        result.problems.push(
          problemOf(
            file,
            line,
            '(case)',
            `a case the importer can read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
          ),
        );
    }
  });
  return result;
}

/** Import an AgentClinic JSONL file from disk. */
export function importAgentClinicFile(file: string, catalogue: Catalogue, options: ImportOptions = {}): ImportResult {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file', 'a readable AgentClinic JSONL file (it does not exist or cannot be read)');
  }
  return importAgentClinicText(text, file, catalogue, options);
}

/**
 * A source spec's file and options: `cases.jsonl?exclude-leaky`. The query is only split off
 * when the whole string is not itself an existing file.
 */
export function parseSourceSpec(spec: string): { file: string; excludeLeaky: boolean; variant?: string } {
  const q = spec.lastIndexOf('?');
  if (q < 0 || existsSync(spec)) return { file: spec, excludeLeaky: false };
  const params = new URLSearchParams(spec.slice(q + 1));
  const unknown = [...params.keys()].filter((key) => key !== 'exclude-leaky' && key !== 'variant');
  if (unknown.length > 0)
    throw new InputError(spec, 'options', `only "exclude-leaky" and "variant=<name>" after "?" (got "${unknown.join('", "')}")`);
  return { file: spec.slice(0, q), excludeLeaky: params.has('exclude-leaky'), variant: params.get('variant') ?? undefined };
}

/**
 * The importer behind `--scenarios agentclinic:<file.jsonl>[?exclude-leaky]`: bad lines come back
 * as warnings, one line each, for the caller to show, and the good cases are used; no good case
 * at all is an error.
 */
export function agentClinicImporter(spec: string, set: { catalogue: Catalogue }): { scenarios: LoadedScenario[]; warnings: string[] } {
  const { file, excludeLeaky, variant } = parseSourceSpec(spec);
  const result = importAgentClinicFile(file, set.catalogue, { excludeLeaky, variant });
  const warnings = result.problems.map((problem) => `${problem.message} (line skipped)`);
  if (result.excluded.length > 0)
    warnings.push(`${file}: left out ${result.excluded.length} case(s) whose visible text names the diagnosis`);
  if (result.cases.length === 0)
    throw new InputError(
      file,
      'cases',
      `at least one AgentClinic case that imports (${result.problems.length} bad line(s), ${result.excluded.length} left out)`,
    );
  return { scenarios: result.cases.map((imported) => imported.scenario), warnings };
}
