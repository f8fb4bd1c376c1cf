import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../domain/errors.js';
import { builtinLibraryDir } from '../domain/paths.js';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { buildIncidentalPool, incidentalFindingRate, type IncidentalPool } from './incidental.js';
import type { FactSource } from '../domain/patient-case.js';
import type { LoadedScenario, ScenarioFact } from './loaded-scenario.js';
import { scenarioSchema, type FindingKind, type Scenario } from './schema.js';

export type { LoadedScenario, ScenarioFact } from './loaded-scenario.js';
import { readYamlFile } from './yaml-file.js';

export interface ScenarioSet {
  scenarios: LoadedScenario[];
  catalogue: Catalogue;
  /** sha256 over the scenarios and the catalogue, recorded with every run. */
  hash: string;
  /** What was asked for: paths, or `builtin`. */
  sources: string[];
  /** Findings a patient may carry besides their disease's (see incidental.ts). */
  incidentals: IncidentalPool;
}

const sourceOfKind: Record<FindingKind, FactSource> = {
  symptom: 'patient',
  history: 'patient',
  sign: 'examination',
  vital: 'triage',
};

/** Readable label of a finding id (imported ids lose their `ac-` prefix). */
export const labelOf = (id: string): string => id.replace(/^ac-(vital-)?/, '').replace(/-/g, ' ');

/** Turn a validated scenario into the unified fact list. */
export function compileScenario(scenario: Scenario, file: string, catalogue: Catalogue): LoadedScenario {
  const facts: ScenarioFact[] = scenario.findings.map((finding) => ({
    id: finding.id,
    kind: finding.kind,
    source: sourceOfKind[finding.kind],
    testId: finding.kind === 'sign' ? 'physical-exam' : undefined,
    text: finding.text,
    says: finding.says,
    label: labelOf(finding.id),
    p: finding.p,
    ask: finding.ask,
    key: finding.key,
    hpo: finding.hpo,
  }));
  for (const result of scenario.tests) {
    const test = catalogue.get(result.test);
    facts.push({
      id: `${result.test}:${result.finding}`,
      kind: 'test',
      source: 'test',
      testId: result.test,
      text: result.text,
      label: `${test?.name ?? result.test}: ${labelOf(result.finding)}`,
      p: result.p,
      ask: [],
      key: result.key,
    });
  }
  return { ...scenario, file, facts };
}

/** Cross-field checks the schema cannot express: ids that must refer to something. */
function checkReferences(scenario: Scenario, file: string, catalogue: Catalogue): void {
  const findingIds = new Map<string, string>();
  scenario.findings.forEach((finding, i) => {
    if (findingIds.has(finding.id))
      throw new InputError(file, `findings.${i}.id`, `a finding id unique in this scenario ("${finding.id}" appears twice)`);
    findingIds.set(finding.id, finding.kind);
    if ((finding.kind === 'symptom' || finding.kind === 'history') && finding.ask.length === 0) {
      throw new InputError(file, `findings.${i}.ask`, 'at least one word a question about this finding may use');
    }
  });
  const testFindings = new Set<string>();
  scenario.tests.forEach((result, i) => {
    if (!catalogue.has(result.test))
      throw new InputError(file, `tests.${i}.test`, `a test id from the catalogue ("${result.test}" is not in it)`);
    const id = `${result.test}:${result.finding}`;
    if (testFindings.has(id)) throw new InputError(file, `tests.${i}.finding`, `a unique finding per test ("${id}" appears twice)`);
    testFindings.add(id);
  });
  scenario.complaints.forEach((complaint, i) => {
    complaint.findings.forEach((id, j) => {
      const kind = findingIds.get(id);
      if (kind !== 'symptom' && kind !== 'history') {
        throw new InputError(
          file,
          `complaints.${i}.findings.${j}`,
          `a symptom or history finding id of this scenario ("${id}" is not one)`,
        );
      }
    });
  });
  scenario.redFlags.forEach((id, i) => {
    if (!findingIds.has(id) && !testFindings.has(id))
      throw new InputError(file, `redFlags.${i}`, `a finding id of this scenario ("${id}" is not one)`);
  });
  const [low, high] = scenario.demographics.age;
  if (low > high) throw new InputError(file, 'demographics.age', `an age range [low, high] with low ≤ high (got [${low}, ${high}])`);
}

function yamlFilesUnder(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(path, 'path', 'an existing scenario file or folder');
  }
  if (stats.isFile()) return [path];
  const files: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) files.push(...yamlFilesUnder(child));
    else if (entry.name.endsWith('.yaml') || entry.name.endsWith('.yml')) files.push(child);
  }
  return files;
}

/** Load and validate one scenario file. */
export function loadScenarioFile(file: string, catalogue: Catalogue): LoadedScenario {
  const scenario = readYamlFile(file, scenarioSchema);
  checkReferences(scenario, file, catalogue);
  return compileScenario(scenario, file, catalogue);
}

/** Hash the content that decides what patients look like (not where the files are). */
export function hashScenarioSet(scenarios: readonly LoadedScenario[], catalogue: Catalogue): string {
  const hash = createHash('sha256');
  for (const scenario of [...scenarios].sort((a, b) => a.id.localeCompare(b.id))) {
    const { file: _file, ...content } = scenario;
    hash.update(JSON.stringify(content));
  }
  hash.update(JSON.stringify(catalogue.tests));
  hash.update(`incidental findings at ${incidentalFindingRate}`);
  return hash.digest('hex');
}

export function assembleScenarioSet(scenarios: LoadedScenario[], catalogue: Catalogue, sources: string[]): ScenarioSet {
  const seen = new Map<string, string>();
  for (const scenario of scenarios) {
    const other = seen.get(scenario.id);
    if (other !== undefined)
      throw new InputError(scenario.file || scenario.id, 'id', `a scenario id unique in the set ("${scenario.id}" is also in ${other})`);
    seen.set(scenario.id, scenario.file);
  }
  if (scenarios.length === 0) throw new InputError(sources.join(', '), 'scenarios', 'at least one scenario file (*.yaml)');
  return { scenarios, catalogue, hash: hashScenarioSet(scenarios, catalogue), sources, incidentals: buildIncidentalPool(scenarios) };
}

/** Load scenario files and folders (default: the built-in library) with the built-in catalogue. */
export function loadScenarioFiles(paths: readonly string[] = [], catalogue: Catalogue = loadCatalogue()): ScenarioSet {
  const roots = paths.length > 0 ? paths : [builtinLibraryDir()];
  const scenarios = roots.flatMap(yamlFilesUnder).map((file) => loadScenarioFile(file, catalogue));
  const sources = paths.length > 0 ? paths.map((p) => relative(process.cwd(), p) || p) : ['builtin'];
  return assembleScenarioSet(scenarios, catalogue, sources);
}
