import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HospitalError } from '../../domain/errors.js';
import { builtinLibraryDir } from '../../domain/paths.js';
import type { Catalogue } from '../catalogue.js';
import { sameDiagnosisName } from '../diagnosis-match/index.js';
import { loadScenarioFile, type LoadedScenario } from '../loader.js';
import { unifySpelling } from '../spelling.js';

/**
 * The scenario library as the importer's knowledge: ICD-10 codes, departments and synonyms for
 * the diagnoses it knows, and the shared finding ids its symptoms are named by. Every cache is
 * keyed on the inputs it was computed from (the catalogue, the library).
 */

const builtinLibraries = new WeakMap<Catalogue, LoadedScenario[]>();

/** The built-in library, loaded file by file so that one broken file never stops an import. */
export function libraryScenarios(catalogue: Catalogue): LoadedScenario[] {
  const cached = builtinLibraries.get(catalogue);
  if (cached) return cached;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  if (existsSync(builtinLibraryDir())) walk(builtinLibraryDir());
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    try {
      loaded.push(loadScenarioFile(file, catalogue));
    } catch (error) {
      if (!(error instanceof HospitalError)) throw error;
    }
  }
  builtinLibraries.set(catalogue, loaded);
  return loaded;
}

/** The library scenario for a diagnosis: same name (as the evaluation matches names) or a synonym. */
const libraryMatches = new WeakMap<readonly LoadedScenario[], Map<string, LoadedScenario | undefined>>();

export function matchLibrary(names: readonly string[], library: readonly LoadedScenario[]): LoadedScenario | undefined {
  const memo = libraryMatches.get(library) ?? new Map<string, LoadedScenario | undefined>();
  libraryMatches.set(library, memo);
  const key = names.join('\u0000');
  if (!memo.has(key)) memo.set(key, matchLibraryUncached(names, library));
  return memo.get(key);
}

function matchLibraryUncached(names: readonly string[], library: readonly LoadedScenario[]): LoadedScenario | undefined {
  for (const scenario of library) if (names.some((name) => sameDiagnosisName(name, scenario.diagnosis.name))) return scenario;
  for (const scenario of library)
    if (names.some((name) => scenario.diagnosis.synonyms.some((synonym) => sameDiagnosisName(name, synonym)))) return scenario;
  return undefined;
}

/** Library finding ids by the phrases that name them, so "Fever" becomes the shared `fever`. */
const vocabularies = new WeakMap<readonly LoadedScenario[], Map<string, string>>();

export function sharedVocabulary(library: readonly LoadedScenario[]): Map<string, string> {
  const cached = vocabularies.get(library);
  if (cached) return cached;
  const counts = new Map<string, Map<string, number>>();
  const add = (phrase: string, id: string, weight: number): void => {
    const key = phraseKey(phrase);
    if (!key) return;
    const byId = counts.get(key) ?? new Map<string, number>();
    byId.set(id, (byId.get(id) ?? 0) + weight);
    counts.set(key, byId);
  };
  for (const scenario of library) {
    for (const finding of scenario.findings) {
      if (finding.kind !== 'symptom' && finding.kind !== 'history') continue;
      add(finding.id.replace(/-/g, ' '), finding.id, 100);
      for (const ask of finding.ask) add(ask, finding.id, 1);
    }
  }
  const vocabulary = new Map(
    [...counts].map(([key, byId]) => [key, [...byId].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]]),
  );
  vocabularies.set(library, vocabulary);
  return vocabulary;
}

/** Content words of a symptom phrase, lower case, American spelling, no numbers or brackets. */
export function phraseKey(text: string): string {
  return unifySpelling(text.toLowerCase())
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z ]+/g, ' ')
    .split(' ')
    .filter(
      (word) =>
        word && !['a', 'an', 'the', 'of', 'in', 'on', 'kg', 'lb', 'lbs', 'days', 'weeks', 'for', 'recent', 'mild', 'severe'].includes(word),
    )
    .map((word) =>
      word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')
        ? word.slice(0, -1)
        : word,
    )
    .join(' ');
}
