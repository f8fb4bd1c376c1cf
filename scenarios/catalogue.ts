import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../domain/errors.js';
import { builtinCatalogueDir } from '../domain/paths.js';
import { catalogueFileSchema, type CatalogueTest, type FacilityLevel } from './schema.js';
import { readYamlFile } from './yaml-file.js';

/** Lower-case words only: "Chest_X-Ray" → "chest x ray". */
export function normaliseTestName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[_\-/.,()]+/g, ' ')
    .replace(/[^a-z0-9 ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The test catalogue: every examination and test, with a lookup from free-text names. */
export class Catalogue {
  private readonly byId = new Map<string, CatalogueTest>();
  private readonly byName = new Map<string, CatalogueTest>();

  constructor(
    readonly tests: CatalogueTest[],
    readonly costSources: string[] = [],
  ) {
    for (const test of tests) {
      this.byId.set(test.id, test);
      for (const name of [test.id, test.name, ...test.synonyms]) {
        const key = normaliseTestName(name);
        if (!this.byName.has(key)) this.byName.set(key, test);
      }
    }
  }

  get(id: string): CatalogueTest | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  available(id: string, facility: FacilityLevel): boolean {
    return this.byId.get(id)?.availability[facility] ?? false;
  }

  /**
   * Map a free-text test name (from a model, or an imported case) to a catalogue test:
   * exact id, name or synonym first, then the closest name by character trigrams.
   */
  resolve(name: string): CatalogueTest | undefined {
    const key = normaliseTestName(name);
    if (!key) return undefined;
    const exact =
      this.byName.get(key) ??
      this.byName.get(
        key
          .replace(/\b(test|level|levels|panel|study|scan)\b/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    if (exact) return exact;
    let best: CatalogueTest | undefined;
    let bestScore = 0;
    for (const [candidate, test] of this.byName) {
      const score = trigramSimilarity(key, candidate);
      if (score > bestScore) {
        bestScore = score;
        best = test;
      }
    }
    return bestScore >= 0.6 ? best : undefined;
  }
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Dice coefficient over character trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Load every catalogue file in a folder (default: the built-in catalogue); ids must be unique. */
export function loadCatalogue(dir = builtinCatalogueDir()): Catalogue {
  const tests: CatalogueTest[] = [];
  const sources: string[] = [];
  const seen = new Map<string, string>();
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const parsed = readYamlFile(file, catalogueFileSchema);
    sources.push(parsed.costSource);
    parsed.tests.forEach((test, i) => {
      const other = seen.get(test.id);
      if (other) throw new InputError(file, `tests.${i}.id`, `a unique test id ("${test.id}" is also in ${other})`);
      seen.set(test.id, file);
      tests.push(test);
    });
  }
  return new Catalogue(tests, sources);
}
