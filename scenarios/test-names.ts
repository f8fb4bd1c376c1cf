import { z } from 'zod';
import { builtinTestNamesFile } from '../domain/paths.js';
import { normaliseTestName, trigramSimilarity, type Catalogue } from './catalogue.js';
import type { CatalogueTest } from './schema.js';
import { unifySpelling } from './spelling.js';
import { readYamlFile } from './yaml-file.js';

/**
 * Free-named tests (from an imported case, or a doctor's order) → catalogue tests. The catalogue's
 * own lookup knows ids, names and synonyms; free names are looser (`Chest_X-ray`, `CT_Scan_Chest`,
 * `MRI_of_the_Right_Hand`, `Hemoglobin_Blood`), so they go through the ordered patterns of
 * `scenarios/test-names.yaml` first, then an exact catalogue lookup, then a guarded fuzzy match.
 */

export const specimens = ['blood', 'urine', 'csf', 'stool', 'other'] as const;
/** Specimen or context a name or its group carries: decides e.g. urine RBC vs blood RBC. */
export type Specimen = (typeof specimens)[number];

const pattern = z.string().transform((source, ctx) => {
  try {
    return new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `a regular expression (${error instanceof Error ? error.message : String(error)})` });
    return z.NEVER;
  }
});
const rule = z.strictObject({ pattern, test: z.string().min(1) });

export const testNameRulesSchema = z.strictObject({
  specimens: z.array(z.strictObject({ specimen: z.enum(specimens), pattern })),
  bySpecimen: z.strictObject(
    Object.fromEntries(specimens.map((name) => [name, z.array(rule)])) as Record<Specimen, z.ZodArray<typeof rule>>,
  ),
  rules: z.array(rule),
  containers: pattern,
  reportParts: pattern,
  genericWords: z.array(z.string()).transform((words) => new Set(words)),
  proxies: z.array(rule),
  proxyFallbacks: z.array(z.string()),
});
export type TestNameRules = z.output<typeof testNameRulesSchema>;

const loaded = new Map<string, TestNameRules>();

/** The rules of a test-names file (default: the built-in one), read and validated once per file. */
export function testNameRules(file = builtinTestNamesFile()): TestNameRules {
  let rules = loaded.get(file);
  if (!rules) loaded.set(file, (rules = readYamlFile(file, testNameRulesSchema)));
  return rules;
}

/** Lower-case words, American spelling: "Haemoglobin_Blood" → "hemoglobin blood". */
export function testKey(name: string): string {
  return unifySpelling(normaliseTestName(name.replace(/([a-z])([A-Z])/g, '$1 $2')))
    .replace(/\bx ?rays?\b/g, 'xray')
    .replace(/\bradiographs?\b/g, 'xray')
    .replace(/\bcat scan\b/g, 'ct')
    .replace(/\s+/g, ' ')
    .trim();
}

export function specimenOf(key: string, rules = testNameRules()): Specimen | undefined {
  return rules.specimens.find((entry) => entry.pattern.test(key))?.specimen;
}

/** A group name that holds other tests rather than being one ("Blood_Tests", "Imaging"). */
export function isContainerName(name: string, rules = testNameRules()): boolean {
  return rules.containers.test(testKey(name));
}

/** A key inside a test that describes its result (`Findings`, `Impression`) rather than naming another test. */
export function isReportPart(name: string, rules = testNameRules()): boolean {
  return rules.reportParts.test(testKey(name));
}

export interface TestResolution {
  test: CatalogueTest;
  /** How it was found: a pattern of the rules, the catalogue's names, or a fuzzy match. */
  via: 'pattern' | 'catalogue' | 'fuzzy';
}

interface CatalogueKeys {
  exact: Map<string, CatalogueTest>;
  names: { test: CatalogueTest; key: string; words: Set<string> }[];
  resolved: Map<string, TestResolution | undefined>;
}

/** Per rules and catalogue: the catalogue's names in key form, and every resolution made so far. */
const keysByRules = new WeakMap<TestNameRules, WeakMap<Catalogue, CatalogueKeys>>();

function catalogueKeys(catalogue: Catalogue, rules: TestNameRules): CatalogueKeys {
  let byCatalogue = keysByRules.get(rules);
  if (!byCatalogue) keysByRules.set(rules, (byCatalogue = new WeakMap()));
  let keys = byCatalogue.get(catalogue);
  if (keys) return keys;
  keys = { exact: new Map(), names: [], resolved: new Map() };
  for (const test of catalogue.tests) {
    for (const name of [test.id, test.name, ...test.synonyms]) {
      const key = testKey(name);
      if (!keys.exact.has(key)) keys.exact.set(key, test);
      if (name !== test.id) keys.names.push({ test, key, words: distinctiveWords(key, rules) });
    }
  }
  byCatalogue.set(catalogue, keys);
  return keys;
}

const distinctiveWords = (text: string, rules: TestNameRules): Set<string> =>
  new Set(text.split(' ').filter((word) => word.length >= 3 && !rules.genericWords.has(word)));

/**
 * Resolve one free test name to a catalogue test, given the specimen of its group if any
 * (`Urinalysis` → `RBC` is urine microscopy, not a blood count).
 */
export function resolveTestName(
  name: string,
  catalogue: Catalogue,
  specimen?: Specimen,
  rules = testNameRules(),
): TestResolution | undefined {
  const cache = catalogueKeys(catalogue, rules).resolved;
  const cacheKey = `${specimen ?? ''}\u0000${name}`;
  if (cache.has(cacheKey)) return cache.get(cacheKey);
  const resolution = resolveUncached(name, catalogue, specimen, rules);
  cache.set(cacheKey, resolution);
  return resolution;
}

function resolveUncached(
  name: string,
  catalogue: Catalogue,
  specimen: Specimen | undefined,
  rules: TestNameRules,
): TestResolution | undefined {
  const key = testKey(name);
  if (!key) return undefined;
  const byId = catalogue.get(name.trim());
  if (byId) return { test: byId, via: 'catalogue' };
  const own = specimenOf(key, rules);
  const context = own && own !== 'blood' ? own : (specimen ?? own);
  const candidates = [...(context ? rules.bySpecimen[context] : []), ...rules.rules];
  for (const candidate of candidates) {
    if (!candidate.pattern.test(key)) continue;
    const test = catalogue.get(candidate.test);
    if (test) return { test, via: 'pattern' };
  }
  const exact = catalogueKeys(catalogue, rules).exact.get(key);
  if (exact) return { test: exact, via: 'catalogue' };
  const fuzzy = guardedFuzzy(key, catalogue, rules);
  return fuzzy ? { test: fuzzy, via: 'fuzzy' } : undefined;
}

/** A trigram match that also shares a distinctive word, so "blood tests" never becomes "TB blood test". */
function guardedFuzzy(key: string, catalogue: Catalogue, rules: TestNameRules): CatalogueTest | undefined {
  const mine = distinctiveWords(key, rules);
  if (mine.size === 0) return undefined;
  let best: CatalogueTest | undefined;
  let bestScore = 0;
  for (const { test, key: candidate, words } of catalogueKeys(catalogue, rules).names) {
    if (![...mine].some((word) => words.has(word))) continue;
    const score = trigramSimilarity(key, candidate);
    if (score > bestScore) {
      bestScore = score;
      best = test;
    }
  }
  return bestScore >= 0.7 ? best : undefined;
}

/** Every test id the rules name (a test checks they all exist in the catalogue). */
export function ruleTestIds(rules = testNameRules()): string[] {
  const named = [...rules.rules, ...Object.values(rules.bySpecimen).flat(), ...rules.proxies].map((entry) => entry.test);
  return [...new Set([...named, ...rules.proxyFallbacks])];
}

/**
 * A catalogue test whose price, turnaround and availability stand in for a test the catalogue
 * lacks (an imported case's `Barium_Enema`): the closest kind by name, else a routine lab test.
 */
export function proxyTestFor(name: string, catalogue: Catalogue, rules = testNameRules()): CatalogueTest | undefined {
  const key = testKey(name);
  for (const proxy of rules.proxies) if (proxy.pattern.test(key) && catalogue.has(proxy.test)) return catalogue.get(proxy.test);
  for (const fallback of rules.proxyFallbacks) if (catalogue.has(fallback)) return catalogue.get(fallback);
  return undefined;
}
