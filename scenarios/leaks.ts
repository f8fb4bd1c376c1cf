import { unifySpelling } from './spelling.js';
import type { LoadedScenario } from './loaded-scenario.js';

/**
 * The leak checker: finds patient- or examiner-visible text that gives the diagnosis away — its
 * name, a synonym, or its ICD-10 code. Library scenarios report scenario fields
 * (`tests.2.text`); imported cases report the field of the source record the text came from
 * (`Test_Results.Biopsy.Findings`), so the leak can be found where it is.
 */

/** A place where patient- or examiner-visible text gives the diagnosis away. */
export interface Leak {
  scenarioId: string;
  /** Field path, e.g. "findings.3.says", "tests.2.text" or (imported) "Test_Results.Biopsy.Findings". */
  field: string;
  /** The diagnosis term found there. */
  term: string;
  text: string;
}

/**
 * A weaker signal: a distinctive word of the diagnosis's name in a test result ("consistent with
 * coarctation"). Reported, never counted as a leak.
 */
export interface LeakHint {
  scenarioId: string;
  field: string;
  word: string;
  text: string;
}

export interface VisibleText {
  field: string;
  text: string;
  /** Who reads it out: the patient, or the examiner (examination and test results). */
  speaker?: 'patient' | 'examiner' | 'nurse';
}

/** Field name for a visible text: the source record's field for imported cases. */
function fieldOf(scenario: LoadedScenario, key: string, fallback: string): string {
  return scenario.source?.fields[key] ?? fallback;
}

/** Everything a doctor can come to read: complaints, finding and result texts, free text, the course. */
export function visibleTexts(scenario: LoadedScenario): VisibleText[] {
  const texts: VisibleText[] = [];
  const imported = scenario.source !== undefined;
  scenario.complaints.forEach((complaint, i) =>
    texts.push({ field: fieldOf(scenario, `complaints.${i}`, `complaints.${i}.text`), text: complaint.text, speaker: 'patient' }),
  );
  scenario.findings.forEach((finding, i) => {
    const speaker = finding.kind === 'sign' ? 'examiner' : finding.kind === 'vital' ? 'nurse' : 'patient';
    const field = fieldOf(scenario, `findings.${finding.id}`, `findings.${i}.text`);
    // Imported ids are slugs of their own text: checking the text is enough.
    if (!imported) texts.push({ field: `findings.${i}.id`, text: finding.id.replace(/-/g, ' '), speaker });
    texts.push({ field, text: finding.text, speaker });
    if (finding.says) texts.push({ field: imported ? field : `findings.${i}.says`, text: finding.says, speaker });
  });
  scenario.tests.forEach((result, i) => {
    const field = fieldOf(scenario, `tests.${result.test}:${result.finding}`, `tests.${i}.text`);
    if (!imported) texts.push({ field: `tests.${i}.finding`, text: result.finding.replace(/-/g, ' '), speaker: 'examiner' });
    texts.push({ field, text: result.text, speaker: 'examiner' });
  });
  scenario.freeText?.history.forEach((sentence, i) =>
    texts.push({ field: fieldOf(scenario, `history.${i}`, `freeText.history.${i}`), text: sentence, speaker: 'patient' }),
  );
  for (const [key, result] of Object.entries(scenario.freeText?.results ?? {})) {
    const whole = fieldOf(scenario, `results.${key}`, `freeText.results.${key}`);
    texts.push({ field: `${whole} (name)`, text: result.name, speaker: 'examiner' });
    result.text
      .split('\n')
      .forEach((line, i) => texts.push({ field: fieldOf(scenario, `results.${key}.${i}`, whole), text: line, speaker: 'examiner' }));
  }
  texts.push({ field: 'course.treated', text: scenario.course.treated, speaker: 'patient' });
  texts.push({ field: 'course.untreated', text: scenario.course.untreated, speaker: 'patient' });
  return texts;
}

const escape = (term: string): string => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One form for text and terms: lower case, no accents, American spelling, no possessive "'s",
 * hyphens and slashes as spaces ("Hirschsprung’s disease" = "Hirschsprung disease",
 * "Legg-Calvé-Perthes" = "legg calve perthes", "haemophilia" = "hemophilia").
 */
export function leakForm(text: string): string {
  return unifySpelling(
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .replace(/'s\b/g, '')
      .replace(/s'(?=\s|$)/g, 's'),
  )
    .replace(/[-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const isAbbreviation = (term: string): boolean => term.length <= 4 && term === term.toUpperCase() && /[A-Z]/.test(term);
const isIcdCode = (term: string): boolean => /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/.test(term);

/**
 * A matcher for the terms that name a diagnosis. Short terms (abbreviations such as "CAP",
 * "MI") and ICD-10 codes must match as written, so that ordinary words do not count as leaks;
 * other terms match whole words in any case, spelling (British or American), with or without a
 * possessive or hyphens, singular or plural.
 */
export function diagnosisTermMatcher(terms: readonly string[]): (text: string) => string | undefined {
  type Pattern = { term: string; test: (raw: string, form: string) => boolean };
  const patterns = terms
    .map((term) => term.trim())
    .filter((term) => term.length >= 2)
    .map((term): Pattern | undefined => {
      if (isAbbreviation(term) || isIcdCode(term)) {
        const pattern = new RegExp(`(?<![A-Za-z0-9])${escape(term)}(?![A-Za-z0-9])`);
        return { term, test: (raw) => pattern.test(raw) };
      }
      const form = leakForm(term);
      if (form.length < 2) return undefined;
      const pattern = new RegExp(`(?<![a-z0-9])${escape(form)}(?:e?s)?(?![a-z0-9])`);
      return { term, test: (_raw, text) => pattern.test(text) };
    })
    .filter((entry): entry is Pattern => entry !== undefined);
  return (text) => {
    const raw = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const form = leakForm(text);
    return patterns.find(({ test }) => test(raw, form))?.term;
  };
}

/** Leading qualifiers a report may leave off ("neonatal respiratory distress syndrome" → "respiratory distress syndrome"). */
const qualifiers = new Set([
  'neonatal',
  'acute',
  'chronic',
  'congenital',
  'primary',
  'secondary',
  'idiopathic',
  'benign',
  'malignant',
  'active',
  'adult',
  'juvenile',
  'infantile',
  'classic',
  'classical',
  'typical',
  'atypical',
  'early',
  'late',
  'severe',
  'mild',
  'fulminant',
  'recurrent',
  'complex',
  'simple',
  'simple',
  'essential',
]);

/** The terms that name the diagnosis: name, synonyms, ICD-10 code, and the name without leading qualifiers. */
export function diagnosisTerms(scenario: Pick<LoadedScenario, 'diagnosis'>): string[] {
  const terms = new Set<string>([scenario.diagnosis.name, ...scenario.diagnosis.synonyms]);
  for (const name of [scenario.diagnosis.name, ...scenario.diagnosis.synonyms]) {
    const words = name.split(/\s+/);
    let start = 0;
    while (start < words.length - 1 && qualifiers.has(words[start].toLowerCase())) start++;
    const rest = words.slice(start);
    if (start > 0 && (rest.length >= 2 || (rest.length === 1 && rest[0].length >= 8))) terms.add(rest.join(' '));
  }
  if (scenario.diagnosis.icd10) terms.add(scenario.diagnosis.icd10);
  return [...terms];
}

export function findLeaks(scenario: LoadedScenario, texts: VisibleText[] = visibleTexts(scenario)): Leak[] {
  const match = diagnosisTermMatcher(diagnosisTerms(scenario));
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const { field, text } of texts) {
    const term = match(text);
    if (!term || seen.has(`${field}\u0000${text}`)) continue;
    seen.add(`${field}\u0000${text}`);
    leaks.push({ scenarioId: scenario.id, field, term, text });
  }
  return leaks;
}

/** Words of a diagnosis name that say little on their own. */
const commonWords = new Set(
  [
    'disease syndrome disorder disorders infection infections acute chronic primary secondary congenital neonatal type multiple left right benign malignant reaction failure deficiency insufficiency normal behavior behaviour physiological impaired production active complex partial point insertion inflammatory lesion lesions injury cell cells small large lower upper with without from that',
    // anatomy and signs that a result names in its own right
    'pelvic kidney kidneys renal uterine uterus tendon tendons atrophy venous arterial cardiac hepatic spinal cerebral pulmonary posterior anterior lateral medial central peripheral jaundice vertigo fever rash bleeding swelling breast bowel colon rectal thyroid adrenal cervical lumbar thoracic vascular muscle muscular joint joints bone bones nerve nerves brain heart liver lung lungs skin blood tissue',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Distinctive words of the diagnosis's name (six letters or more, not common) that appear in an
 * examiner's result but in none of the patient's own symptoms: "consistent with coarctation".
 */
export function findHints(scenario: LoadedScenario, texts: VisibleText[] = visibleTexts(scenario)): LeakHint[] {
  const words = new Set(
    leakForm(scenario.diagnosis.name)
      .split(' ')
      .filter((word) => word.length >= 6 && !commonWords.has(word)),
  );
  const symptomText = leakForm(
    texts
      .filter((t) => t.speaker === 'patient')
      .map((t) => t.text)
      .join(' '),
  );
  for (const word of [...words]) if (new RegExp(`(?<![a-z])${escape(word)}`).test(symptomText)) words.delete(word);
  if (words.size === 0) return [];
  const leaked = new Set(findLeaks(scenario, texts).map((leak) => `${leak.field}\u0000${leak.text}`));
  const hints: LeakHint[] = [];
  for (const { field, text, speaker } of texts) {
    if (speaker !== 'examiner' || leaked.has(`${field}\u0000${text}`)) continue;
    // The value, not its label: "Pelvic examination, Discharge: purulent" is about the discharge.
    const colon = text.indexOf(': ');
    const form = leakForm(colon > 0 && colon <= 80 ? text.slice(colon + 2) : text);
    const word = [...words].find((candidate) => new RegExp(`(?<![a-z])${escape(candidate)}(?:e?s)?(?![a-z])`).test(form));
    if (word) hints.push({ scenarioId: scenario.id, field, word, text });
  }
  return hints;
}

export interface LeakCheck {
  leaks: Leak[];
  hints: LeakHint[];
}

export function checkLeaks(scenario: LoadedScenario): LeakCheck {
  const texts = visibleTexts(scenario);
  return { leaks: findLeaks(scenario, texts), hints: findHints(scenario, texts) };
}

export interface LeakReportCase {
  id: string;
  diagnosis: string;
  source?: string;
  leaks: Leak[];
  hints: LeakHint[];
}

export interface LeakReport {
  scenarios: number;
  leaky: number;
  hinted: number;
  cases: LeakReportCase[];
}

/** The leak report over a set of scenarios: only the cases with leaks or hints are listed. */
export function leakReport(scenarios: readonly LoadedScenario[]): LeakReport {
  const cases: LeakReportCase[] = [];
  for (const scenario of scenarios) {
    const { leaks, hints } = checkLeaks(scenario);
    if (leaks.length === 0 && hints.length === 0) continue;
    const source = scenario.source ? `${scenario.source.file}:${scenario.source.line}` : scenario.file || undefined;
    cases.push({ id: scenario.id, diagnosis: scenario.diagnosis.name, ...(source ? { source } : {}), leaks, hints });
  }
  return {
    scenarios: scenarios.length,
    leaky: cases.filter((c) => c.leaks.length > 0).length,
    hinted: cases.filter((c) => c.leaks.length === 0 && c.hints.length > 0).length,
    cases,
  };
}
