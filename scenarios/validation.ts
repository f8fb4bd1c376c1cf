import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HospitalError } from '../domain/errors.js';
import { builtinLibraryDir } from '../domain/paths.js';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { icd10Problems, matcherProblems } from './diagnosis-checks.js';
import { findLeaks, type Leak } from './leaks.js';
import { loadScenarioFile, type LoadedScenario } from './loader.js';

export interface ValidationProblem {
  kind: 'error' | 'leak' | 'ambiguous';
  where: string;
  message: string;
}

export interface ValidationResult {
  files: number;
  scenarios: LoadedScenario[];
  problems: ValidationProblem[];
  leaks: Leak[];
}

/**
 * With every finding of a scenario revealed, which diagnoses come first: the built-in
 * specialist's ranking, injected so that scenarios/ does not depend on agents/.
 */
export type AllFindingsRanker = (scenario: LoadedScenario, all: readonly LoadedScenario[], catalogue: Catalogue) => string[];

function yamlFiles(path: string): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return [path];
  }
  if (stats.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory() ? yamlFiles(join(path, entry.name)) : /\.ya?ml$/.test(entry.name) ? [join(path, entry.name)] : [],
    );
}

/**
 * Check scenario files: schema and references file by file (every bad file reported, not just
 * the first), duplicate ids, duplicate ICD-10 codes not declared as shared, names the diagnosis
 * matcher would not grade as the file means them, leaks of the diagnosis into visible text, and, when a ranker is
 * given, that each scenario's own diagnosis ranks first with all its findings revealed.
 */
export function validateScenarioFiles(paths: readonly string[], rank?: AllFindingsRanker, catalogue = loadCatalogue()): ValidationResult {
  const files = (paths.length > 0 ? paths : [builtinLibraryDir()]).flatMap(yamlFiles);
  const problems: ValidationProblem[] = [];
  const scenarios: LoadedScenario[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const scenario = loadScenarioFile(file, catalogue);
      const other = seen.get(scenario.id);
      if (other) {
        problems.push({
          kind: 'error',
          where: file,
          message: `id: a scenario id unique in the set ("${scenario.id}" is also in ${other})`,
        });
        continue;
      }
      seen.set(scenario.id, file);
      scenarios.push(scenario);
    } catch (error) {
      if (!(error instanceof HospitalError)) throw error;
      // The error names its file (and line) first; keep that as the place.
      const located = /^(.*?:\d+): (.*)$/s.exec(error.message);
      if (located && located[1].startsWith(file)) problems.push({ kind: 'error', where: located[1], message: located[2] });
      else
        problems.push({
          kind: 'error',
          where: file,
          message: error.message.startsWith(`${file}: `) ? error.message.slice(file.length + 2) : error.message,
        });
    }
  }
  problems.push(...icd10Problems(scenarios), ...matcherProblems(scenarios));
  // The catalogue's normal reports are visible to any patient's doctor: none may name a diagnosis.
  const normals = catalogue.tests.map((test) => ({ field: `catalogue ${test.id}.normal`, text: test.normal }));
  const leaks = scenarios.flatMap((scenario) => [...findLeaks(scenario), ...findLeaks(scenario, normals)]);
  for (const leak of leaks) {
    const file = scenarios.find((scenario) => scenario.id === leak.scenarioId)?.file ?? leak.scenarioId;
    problems.push({
      kind: 'leak',
      where: file,
      message: `${leak.field}: names the diagnosis ("${leak.term}") in visible text: "${leak.text}"`,
    });
  }
  if (rank) {
    for (const scenario of scenarios) {
      const ranking = rank(scenario, scenarios, catalogue);
      if (ranking[0] !== scenario.id) {
        problems.push({
          kind: 'ambiguous',
          where: scenario.file,
          message: `with every finding revealed the built-in specialist ranks "${ranking[0]}" first, not "${scenario.id}" (own rank ${ranking.indexOf(scenario.id) + 1})`,
        });
      }
    }
  }
  return { files: files.length, scenarios, problems, leaks };
}
