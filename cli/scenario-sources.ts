import { loadScenarioSources, type LoadedSources } from '../scenarios/sources.js';

/** Load the scenario sources of a command, telling the user on stderr what an importer skipped. */
export function loadScenarios(sources: readonly string[]): LoadedSources {
  const set = loadScenarioSources(sources);
  for (const warning of set.warnings) process.stderr.write(`hospital: ${warning}\n`);
  return set;
}
