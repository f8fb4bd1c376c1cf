import type { LoadedScenario } from './loader.js';

/** A place where patient- or examiner-visible text gives the diagnosis away. */
export interface Leak {
  scenarioId: string;
  /** Field path, e.g. "findings.3.says" or "tests.chest-xray:consolidation.text". */
  field: string;
  /** The diagnosis term found there. */
  term: string;
  text: string;
}

export interface VisibleText {
  field: string;
  text: string;
}

/** Everything a doctor can come to read: complaints, finding and result texts, the course. */
export function visibleTexts(scenario: LoadedScenario): VisibleText[] {
  const texts: VisibleText[] = [];
  scenario.complaints.forEach((complaint, i) => texts.push({ field: `complaints.${i}.text`, text: complaint.text }));
  scenario.findings.forEach((finding, i) => {
    texts.push({ field: `findings.${i}.id`, text: finding.id.replace(/-/g, ' ') });
    texts.push({ field: `findings.${i}.text`, text: finding.text });
    if (finding.says) texts.push({ field: `findings.${i}.says`, text: finding.says });
  });
  scenario.tests.forEach((result, i) => {
    texts.push({ field: `tests.${i}.finding`, text: result.finding.replace(/-/g, ' ') });
    texts.push({ field: `tests.${i}.text`, text: result.text });
  });
  texts.push({ field: 'course.treated', text: scenario.course.treated });
  texts.push({ field: 'course.untreated', text: scenario.course.untreated });
  return texts;
}

const escape = (term: string): string => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher for the terms that name a diagnosis. Short terms (abbreviations such as "CAP",
 * "MI") must match in capitals, so that ordinary words do not count as leaks.
 */
export function diagnosisTermMatcher(terms: readonly string[]): (text: string) => string | undefined {
  const patterns = terms
    .map((term) => term.trim())
    .filter((term) => term.length >= 2)
    .map((term) => ({
      term,
      pattern: term.length <= 4 && term === term.toUpperCase() ? new RegExp(`\\b${escape(term)}\\b`) : new RegExp(`\\b${escape(term)}\\b`, 'i'),
    }));
  return (text) => patterns.find(({ pattern }) => pattern.test(text))?.term;
}

export function findLeaks(scenario: LoadedScenario, texts: VisibleText[] = visibleTexts(scenario)): Leak[] {
  const match = diagnosisTermMatcher([scenario.diagnosis.name, ...scenario.diagnosis.synonyms, scenario.diagnosis.icd10]);
  const leaks: Leak[] = [];
  for (const { field, text } of texts) {
    const term = match(text);
    if (term) leaks.push({ scenarioId: scenario.id, field, term, text });
  }
  return leaks;
}
