import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { loadCatalogue } from '../../../scenarios/catalogue.js';
import { assembleScenarioSet, loadScenarioFile, type LoadedScenario, type ScenarioSet } from '../../../scenarios/loader.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

/**
 * The built-in library as it stands, skipping any file that does not load: the library is
 * written alongside these tests, and their subject is the agents, not the library's validity.
 */
export function loadLibrary(): ScenarioSet {
  const catalogue = loadCatalogue();
  const scenarios: LoadedScenario[] = [];
  for (const file of yamlFiles(builtinLibraryDir())) {
    try {
      scenarios.push(loadScenarioFile(file, catalogue));
    } catch {
      // a scenario being written; the library's own validation reports it
    }
  }
  const unique = scenarios.filter((scenario, i) => scenarios.findIndex((other) => other.id === scenario.id) === i);
  return assembleScenarioSet(unique, catalogue, ['builtin']);
}
