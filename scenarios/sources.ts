import { resolve } from 'node:path';
import { agentClinicImporter } from './agentclinic/import-file.js';
import { loadCatalogue, type Catalogue } from './catalogue.js';
import { assembleScenarioSet, loadScenarioFiles, type LoadedScenario, type ScenarioSet } from './loader.js';

/**
 * Where scenarios come from, as given on the command line: `builtin` (the library), a YAML file
 * or folder, or `<importer>:<file>` (imported cases, e.g. `agentclinic:cases.jsonl`). The loader
 * itself knows no importer; this table names them all.
 */

/** What an importer read: the scenarios, and one line per thing the caller should be told (bad lines skipped). */
export interface ScenarioImport {
  scenarios: LoadedScenario[];
  warnings: string[];
}

export type ScenarioImporter = (file: string, set: { catalogue: Catalogue }) => ScenarioImport;

export const scenarioImporters: Readonly<Record<string, ScenarioImporter>> = {
  agentclinic: agentClinicImporter,
};

const importerOf = (source: string): { prefix: string; importer: ScenarioImporter } | undefined => {
  const colon = source.indexOf(':');
  const prefix = source.slice(0, colon);
  return colon > 1 && Object.hasOwn(scenarioImporters, prefix) ? { prefix, importer: scenarioImporters[prefix] } : undefined;
};

/** Absolute, canonical form of the sources, as stored in a run's config. */
export function canonicalSources(sources: readonly string[]): string[] {
  if (sources.length === 0) return ['builtin'];
  return sources.map((source) => {
    if (source === 'builtin') return source;
    const imported = importerOf(source);
    if (imported) return `${imported.prefix}:${resolve(source.slice(imported.prefix.length + 1))}`;
    return resolve(source);
  });
}

/** A scenario set with the warnings its importers gave, for the caller to show. */
export type LoadedSources = ScenarioSet & { warnings: string[] };

/** Load every source into one scenario set (ids must stay unique across sources). */
export function loadScenarioSources(sources: readonly string[]): LoadedSources {
  const catalogue = loadCatalogue();
  const canonical = canonicalSources(sources);
  const scenarios: LoadedScenario[] = [];
  const warnings: string[] = [];
  for (const source of canonical) {
    const imported = importerOf(source);
    if (imported) {
      const result = imported.importer(source.slice(imported.prefix.length + 1), { catalogue });
      scenarios.push(...result.scenarios);
      warnings.push(...result.warnings);
    } else scenarios.push(...loadScenarioFiles(source === 'builtin' ? [] : [source], catalogue).scenarios);
  }
  return { ...assembleScenarioSet(scenarios, catalogue, canonical), warnings };
}
