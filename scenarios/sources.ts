import { resolve } from 'node:path';
import { loadCatalogue } from './catalogue.js';
import { assembleScenarioSet, loadScenarioFiles, type LoadedScenario, type ScenarioSet } from './loader.js';

/**
 * Where scenarios come from, as given on the command line: `builtin` (the library), a YAML file
 * or folder, or `agentclinic:<file.jsonl>` (imported cases). Importers register themselves here
 * so the loader does not depend on them.
 */
export type ScenarioImporter = (file: string, set: { catalogue: ReturnType<typeof loadCatalogue> }) => LoadedScenario[];

const importers = new Map<string, ScenarioImporter>();

export function registerImporter(prefix: string, importer: ScenarioImporter): void {
  importers.set(prefix, importer);
}

/** Absolute, canonical form of the sources, as stored in a run's config. */
export function canonicalSources(sources: readonly string[]): string[] {
  if (sources.length === 0) return ['builtin'];
  return sources.map((source) => {
    if (source === 'builtin') return source;
    const colon = source.indexOf(':');
    if (colon > 1 && importers.has(source.slice(0, colon))) return `${source.slice(0, colon)}:${resolve(source.slice(colon + 1))}`;
    return resolve(source);
  });
}

/** Load every source into one scenario set (ids must stay unique across sources). */
export function loadScenarioSources(sources: readonly string[]): ScenarioSet {
  const catalogue = loadCatalogue();
  const canonical = canonicalSources(sources);
  const scenarios: LoadedScenario[] = [];
  for (const source of canonical) {
    const colon = source.indexOf(':');
    const importer = colon > 1 ? importers.get(source.slice(0, colon)) : undefined;
    if (importer) scenarios.push(...importer(source.slice(colon + 1), { catalogue }));
    else scenarios.push(...loadScenarioFiles(source === 'builtin' ? [] : [source], catalogue).scenarios);
  }
  return assembleScenarioSet(scenarios, catalogue, canonical);
}
