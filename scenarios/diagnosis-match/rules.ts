/** How a given diagnosis is graded against the truth. */
export const verdicts = ['correct', 'partial', 'wrong'] as const;
export type Verdict = (typeof verdicts)[number];

/**
 * Every rule that can decide a verdict, with the verdict it gives and what it means. The ids are
 * stable: reports, tests and `hospital scenarios match` name them.
 */
export const matchRules = {
  empty: { verdict: 'wrong', means: 'no diagnosis given' },
  negation: { verdict: 'wrong', means: 'the answer negates or excludes the disease ("not", "no", "ruled out", "unlikely")' },
  hedge: { verdict: 'wrong', means: 'the answer hedges between possibilities ("vs", "or", "?", "possible", "differential")' },
  list: { verdict: 'wrong', means: 'several diagnoses given as one answer' },
  'ambiguous-abbreviation': { verdict: 'wrong', means: 'an abbreviation with more than one meaning in this department' },
  'not-a-diagnosis': { verdict: 'wrong', means: 'no disease is named, only qualifiers or filler' },
  name: { verdict: 'correct', means: 'the reference name' },
  synonym: { verdict: 'correct', means: 'a synonym of the reference' },
  acceptable: { verdict: 'correct', means: 'an answer the scenario accepts' },
  spelling: { verdict: 'correct', means: 'a name or synonym with a small spelling mistake' },
  abbreviation: { verdict: 'correct', means: 'an abbreviation that is unambiguous in this department' },
  'more-specific': { verdict: 'correct', means: 'a more specific form of the disease' },
  'icd10-confirms': { verdict: 'correct', means: 'a broader name of the disease with the scenario’s own ICD-10 code' },
  broader: { verdict: 'partial', means: 'a broader name that includes the disease' },
  'near-miss': { verdict: 'wrong', means: 'a close but different disease the scenario names as a near miss' },
  'qualifier-conflict': { verdict: 'wrong', means: 'a qualifier that changes the disease disagrees (acute/chronic, type, side, …)' },
  'too-vague': { verdict: 'wrong', means: 'only generic words ("cancer", "infection"), naming no disease' },
  'no-match': { verdict: 'wrong', means: 'names another disease' },
} as const satisfies Record<string, { verdict: Verdict; means: string }>;

export type MatchRule = keyof typeof matchRules;

/** Which reference form of the scenario an answer was matched to. */
export type FormKind = 'name' | 'synonym' | 'acceptable' | 'near-miss';

export interface DiagnosisMatch {
  verdict: Verdict;
  /** The rule that decided the verdict. */
  rule: MatchRule;
  /** One line saying why. */
  reason: string;
  /** The scenario's form the answer was compared with, when one decided. */
  matched?: { kind: FormKind; text: string };
  /** `verdict === 'correct'`. */
  correct: boolean;
  /** `verdict === 'partial'`: a broader name of the same disease, reported on its own. */
  partial: boolean;
}

export function decided(rule: MatchRule, reason: string, matched?: DiagnosisMatch['matched']): DiagnosisMatch {
  const verdict = matchRules[rule].verdict;
  return { verdict, rule, reason, ...(matched ? { matched } : {}), correct: verdict === 'correct', partial: verdict === 'partial' };
}
