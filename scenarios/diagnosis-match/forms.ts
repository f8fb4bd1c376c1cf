import type { FormKind } from './rules.js';
import { expandAbbreviations, surfaceWords } from './terms.js';

/** What the matcher needs of the truth: a case's truth or a scenario's diagnosis. */
export interface DiagnosisTruth {
  diagnosis: string;
  icd10: string;
  synonyms: readonly string[];
  acceptable: readonly string[];
  nearMisses: readonly string[];
  department: string;
  /** Scenarios that deliberately share this ICD-10 code: then the code never upgrades a verdict. */
  sharesCodeWith?: readonly string[];
}

/** One name of the scenario, as written and as surface words. */
export interface Form {
  kind: FormKind;
  text: string;
  surface: string[];
}

export interface TruthForms {
  /** Name, synonyms and acceptable answers. */
  own: Form[];
  nearMisses: Form[];
  /** Every surface word of every form: what a misspelling may be corrected to. */
  vocabulary: Set<string>;
  /** Neighbouring words of a form written as one: an answer's word that is one of these joins them. */
  compounds: Set<string>;
}

const surfaceMemo = new Map<string, string[]>();

/** Surface words of a name as read in a department (abbreviations spelled out), memoised. */
export function surfaceIn(text: string, department: string): string[] {
  const key = `${department}\u0000${text}`;
  let words = surfaceMemo.get(key);
  if (!words) {
    words = surfaceWords(expandAbbreviations(text, department));
    if (surfaceMemo.size > 50_000) surfaceMemo.clear();
    surfaceMemo.set(key, words);
  }
  return words;
}

const formsMemo = new WeakMap<DiagnosisTruth, TruthForms>();

export function formsOf(truth: DiagnosisTruth): TruthForms {
  let forms = formsMemo.get(truth);
  if (forms) return forms;
  const form = (kind: FormKind, text: string): Form => ({ kind, text, surface: surfaceIn(text, truth.department) });
  const own = [
    form('name', truth.diagnosis),
    ...truth.synonyms.map((text) => form('synonym', text)),
    ...truth.acceptable.map((text) => form('acceptable', text)),
  ];
  const nearMisses = truth.nearMisses.map((text) => form('near-miss', text));
  const all = [...own, ...nearMisses];
  const compounds = new Set(all.flatMap((f) => f.surface.slice(1).map((word, i) => f.surface[i] + word)));
  forms = { own, nearMisses, vocabulary: new Set(all.flatMap((f) => f.surface)), compounds };
  formsMemo.set(truth, forms);
  return forms;
}

/** The matcher's truth for a scenario (its diagnosis block, accepted answers, near misses, department). */
export function truthOfScenario(scenario: {
  diagnosis: { name: string; icd10: string; synonyms: readonly string[]; sharesCodeWith?: readonly string[] };
  acceptable: readonly string[];
  nearMisses: readonly string[];
  department: string;
}): DiagnosisTruth {
  return {
    diagnosis: scenario.diagnosis.name,
    icd10: scenario.diagnosis.icd10,
    synonyms: scenario.diagnosis.synonyms,
    acceptable: scenario.acceptable,
    nearMisses: scenario.nearMisses,
    department: scenario.department,
    ...(scenario.diagnosis.sharesCodeWith?.length ? { sharesCodeWith: scenario.diagnosis.sharesCodeWith } : {}),
  };
}
