/**
 * The diagnosis matcher: grades a given diagnosis against a scenario's truth as `correct`,
 * `partial` or `wrong`, and names the rule that decided. Its modules, each one concern:
 * rules (verdicts and rule ids), hedges (negations, hedges, lists), text and terms (words and
 * the qualifiers that change a disease), lexicon and abbreviations (the medical vocabulary,
 * abbreviations by department), spelling (tolerated misspellings), relate (answer against one
 * reference form), match (the order the rules apply in), icd10, ranked (top-k).
 */
export { matchRules, verdicts, type DiagnosisMatch, type FormKind, type MatchRule, type Verdict } from './rules.js';
export { matchDiagnosis, sameDiagnosisName } from './match.js';
export { truthOfScenario, type DiagnosisTruth } from './forms.js';
export { normaliseDiagnosis } from './text.js';
export { codeWithin, icd10Category, normaliseIcd10 } from './icd10.js';
export { rankedDiagnoses, diagnosisHits } from './ranked.js';
export { abbreviationsByDepartment, expandAbbreviation } from './abbreviations.js';
