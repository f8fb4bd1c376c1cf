import { proxyTestFor, resolveTestName, testKey } from '../../scenarios/test-names.js';
import { trigramSimilarity, type Catalogue } from '../../scenarios/catalogue.js';
import type { Fact, PatientCase } from '../../domain/patient-case.js';
import type { CatalogueTest, FacilityLevel } from '../../scenarios/schema.js';
import type { TestPerformed } from '../roles.js';

/**
 * The built-in examiner for an imported case (one with `freeText`). A request is matched, in
 * order, to a catalogue test by id or by the importer's name normalisation ("Chest X-ray",
 * "CBC", "MRI of the brain"); else to one of the case's own results the catalogue lacks
 * (`freeText.results["ac-barium-enema"]`, "barium enema"); else to a catalogue test by the
 * catalogue's fuzzy lookup. Catalogue tests report the case's facts for that test (an
 * examination request naming a system, "neurological exam", reports that system's entries),
 * else a free-text result filed under the test, else the catalogue's normal report; they are
 * available, priced and timed as the catalogue says for the facility. A case-only result is
 * priced and timed like the closest kind of catalogue test (imaging, biopsy, laboratory) and is
 * available where that kind is.
 */

const examWords = /\b(exam|examination|examine|inspection|palpation|auscultation|assessment|evaluation|check)\b/;
const examFiller = new Set([
  'exam',
  'examination',
  'examine',
  'inspection',
  'palpation',
  'auscultation',
  'assessment',
  'evaluation',
  'check',
  'physical',
  'full',
  'complete',
  'detailed',
  'system',
  'systems',
  'the',
  'of',
  'and',
  'a',
]);

interface CaseResult {
  key: string;
  name: string;
  text: string;
}

/** The case's own result a request names: by key, by the same name, or a close name sharing a word. */
function findCaseResult(request: string, patient: PatientCase): CaseResult | undefined {
  const results = patient.freeText?.results ?? {};
  const direct = results[request] ?? results[`ac-${slug(request)}`];
  if (direct) return { key: results[request] ? request : `ac-${slug(request)}`, ...direct };
  const wanted = testKey(request);
  const wantedWords = new Set(
    wanted
      .split(' ')
      .filter((word) => word.length >= 3 && !['test', 'tests', 'level', 'levels', 'scan', 'study', 'the', 'and', 'for'].includes(word)),
  );
  let best: CaseResult | undefined;
  let bestScore = 0;
  for (const [key, result] of Object.entries(results)) {
    const name = testKey(result.name);
    if (name === wanted) return { key, ...result };
    const shared = name.split(' ').some((word) => wantedWords.has(word));
    if (!shared) continue;
    const score = trigramSimilarity(wanted, name);
    if (score > bestScore) {
      bestScore = score;
      best = { key, ...result };
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Sign facts of the system a request names ("cardiac exam" → the cardiovascular entries); all when none fit. */
function examinationFacts(request: string, facts: readonly Fact[]): Fact[] {
  const signs = facts.filter((fact) => fact.testId === 'physical-exam');
  const wanted = testKey(request)
    .split(' ')
    .filter((word) => word.length >= 3 && !examFiller.has(word))
    .map((word) => word.slice(0, 5));
  if (wanted.length === 0) return signs;
  const chosen = signs.filter((fact) => {
    const label = testKey(fact.text.split(':')[0] ?? '')
      .split(' ')
      .map((word) => word.slice(0, 5));
    return wanted.some((word) => label.includes(word));
  });
  return chosen.length > 0 ? chosen : signs;
}

function notAvailable(requested: string, test: CatalogueTest | undefined, name: string, facility: FacilityLevel): TestPerformed {
  return {
    ...(test ? { testId: test.id } : {}),
    requested,
    name,
    available: false,
    text: `${name}: not available here (${facility} facility)`,
    factIds: [],
    facts: [],
    cost: 0,
    minutes: 0,
  };
}

function catalogueResult(test: CatalogueTest, requested: string, patient: PatientCase, facility: FacilityLevel): TestPerformed {
  if (!test.availability[facility]) return notAvailable(requested, test, test.name, facility);
  let facts =
    test.id === 'physical-exam' ? examinationFacts(requested, patient.facts) : patient.facts.filter((fact) => fact.testId === test.id);
  if (facts.length === 0 && test.id === 'pulse-oximetry')
    facts = patient.facts.filter((fact) => fact.kind === 'vital' && /oxygen saturation|spo2/i.test(fact.text));
  const present = facts.filter((fact) => fact.present);
  const filed = patient.freeText?.results[test.id];
  const text = present.length > 0 ? present.map((fact) => fact.text).join('; ') : (filed?.text.split('\n').join('; ') ?? test.normal);
  return {
    testId: test.id,
    requested,
    name: test.name,
    available: true,
    text,
    factIds: facts.map((fact) => fact.id),
    facts: facts.map((fact) => ({ factId: fact.id, text: fact.present ? fact.text : `no ${fact.label}`, present: fact.present })),
    cost: test.cost,
    minutes: test.turnaround,
  };
}

function caseOnlyResult(result: CaseResult, requested: string, catalogue: Catalogue, facility: FacilityLevel): TestPerformed {
  const proxy = proxyTestFor(result.name, catalogue);
  if (proxy && !proxy.availability[facility]) return notAvailable(requested, undefined, result.name, facility);
  const text = result.text.split('\n').join('; ');
  return {
    requested,
    name: result.name,
    available: true,
    text,
    factIds: [result.key],
    facts: [{ factId: result.key, text, present: true }],
    cost: proxy?.cost ?? 0,
    minutes: proxy?.turnaround ?? 0,
  };
}

/** Perform the requested tests on an imported case at a facility (one result per distinct test). */
export function performFromFreeText(
  requests: readonly string[],
  patient: PatientCase,
  facility: FacilityLevel,
  catalogue: Catalogue,
): TestPerformed[] {
  const done = new Set<string>();
  const performed: TestPerformed[] = [];
  for (const requested of requests) {
    const key = requested.trim();
    if (!key) continue;
    const named = catalogue.get(key) ?? resolveNamed(key, catalogue);
    const caseResult = named ? undefined : findCaseResult(key, patient);
    const test =
      named ??
      (caseResult
        ? undefined
        : ((examWords.test(testKey(key)) ? catalogue.get('physical-exam') : undefined) ?? resolveTestName(key, catalogue)?.test));
    const identity = test
      ? `${test.id}${test.id === 'physical-exam' ? `:${testKey(key)}` : ''}`
      : caseResult
        ? caseResult.key
        : `?${testKey(key)}`;
    if (done.has(identity)) continue;
    done.add(identity);
    if (test) performed.push(catalogueResult(test, key, patient, facility));
    else if (caseResult) performed.push(caseOnlyResult(caseResult, key, catalogue, facility));
    else
      performed.push({
        requested: key,
        name: key,
        available: false,
        text: `${key}: not available (no such test in the catalogue)`,
        factIds: [],
        facts: [],
        cost: 0,
        minutes: 0,
      });
  }
  return performed;
}

/** The importer's normalisation, without its fuzzy step. */
function resolveNamed(request: string, catalogue: Catalogue): CatalogueTest | undefined {
  const resolved = resolveTestName(request, catalogue);
  return resolved && resolved.via !== 'fuzzy' ? resolved.test : undefined;
}
