import { expandAbbreviation } from './abbreviations.js';
import { answerShape } from './hedges.js';
import { codeWithin, normaliseIcd10 } from './icd10.js';
import { namesDisease, vagueWords } from './lexicon.js';
import { describeQualifier, profileConflict, profileOf, relate, termSize, type Related } from './relate.js';
import { decided, type DiagnosisMatch } from './rules.js';
import { correctSpelling } from './spelling.js';
import { joinCompounds, termOf, type Term } from './terms.js';
import { undotAbbreviations } from './text.js';
import { formsOf, surfaceIn, type DiagnosisTruth, type Form, type TruthForms } from './forms.js';

interface Compared {
  form: Form;
  term: Term;
  related: Related;
}

/** How an answer was read before grading: an abbreviation spelled out, spelling mistakes fixed. */
interface Reading {
  answer: string;
  abbreviation?: { written: string; means: string };
  fixes: string[];
}

const quote = (text: string): string => `"${text}"`;

const noFormOf = (said: string, truth: DiagnosisTruth, givenIcd10: string | undefined): string =>
  `${said} names no form of ${quote(truth.diagnosis)}${codeWithin(givenIcd10, truth.icd10) ? `; the ICD-10 code ${normaliseIcd10(givenIcd10)} alone does not decide` : ''}`;

const knownMemo = new WeakMap<{ own: Term[]; near: Term[] }, Set<string>>();

/** Every canonical word of the scenario's forms. */
function knownWords(terms: { own: Term[]; near: Term[] }): Set<string> {
  let known = knownMemo.get(terms);
  if (!known) knownMemo.set(terms, (known = new Set([...terms.own, ...terms.near].flatMap((term) => term.words))));
  return known;
}

const ownTermsMemo = new WeakMap<TruthForms, { own: Term[]; near: Term[] }>();

/** Terms of the scenario's forms, joined with the answer's words where they make compounds. */
function formTerms(forms: TruthForms, answerWords: readonly string[]): { own: Term[]; near: Term[] } {
  const novel = answerWords.filter((word) => !forms.vocabulary.has(word) && forms.compounds.has(word));
  const build = (vocabulary: ReadonlySet<string>) => ({
    own: forms.own.map((form) => termOf(joinCompounds(form.surface, vocabulary))),
    near: forms.nearMisses.map((form) => termOf(joinCompounds(form.surface, vocabulary))),
  });
  if (novel.length > 0) return build(new Set([...forms.vocabulary, ...novel]));
  let cached = ownTermsMemo.get(forms);
  if (!cached) ownTermsMemo.set(forms, (cached = build(forms.vocabulary)));
  return cached;
}

/** The answer's words, with compounds joined and misspellings of the scenario's words fixed. */
function answerWords(text: string, truth: DiagnosisTruth, forms: TruthForms, reading: Reading): string[] {
  const raw = surfaceIn(text, truth.department);
  const joined = joinCompounds(raw, forms.vocabulary);
  return joined.map((word) => {
    const fixed = correctSpelling(word, forms.vocabulary);
    if (fixed === undefined) return word;
    reading.fixes.push(`${word} → ${fixed}`);
    return fixed;
  });
}

const mostSpecific = (list: readonly Compared[]): Compared | undefined =>
  list.reduce<Compared | undefined>((best, item) => (!best || termSize(item.term) > termSize(best.term) ? item : best), undefined);

function exactRule(form: Form, reading: Reading): DiagnosisMatch {
  const matched = { kind: form.kind, text: form.text };
  if (reading.abbreviation)
    return decided(
      'abbreviation',
      `${quote(reading.abbreviation.written)} means ${quote(reading.abbreviation.means)} here, which is ${quote(form.text)}`,
      matched,
    );
  if (reading.fixes.length > 0)
    return decided('spelling', `${quote(reading.answer)} is ${quote(form.text)} misspelt (${reading.fixes.join(', ')})`, matched);
  const says = form.kind === 'name' ? 'the reference name' : form.kind === 'synonym' ? 'the synonym' : 'the accepted answer';
  return decided(form.kind === 'near-miss' ? 'near-miss' : form.kind, `${quote(reading.answer)} is ${says} ${quote(form.text)}`, matched);
}

function readAs(reading: Reading): string {
  const notes = [
    ...(reading.abbreviation ? [`read as ${quote(reading.abbreviation.means)}`] : []),
    ...(reading.fixes.length > 0 ? [`spelling fixed: ${reading.fixes.join(', ')}`] : []),
  ];
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

/** Grade one answer with no list in it: its words against each form of the scenario. */
function gradeName(text: string, truth: DiagnosisTruth, givenIcd10: string | undefined, reading: Reading): DiagnosisMatch {
  const forms = formsOf(truth);
  const words = answerWords(text, truth, forms, reading);
  const given = termOf(words);
  const said = quote(reading.answer) + readAs(reading);
  if (given.words.length === 0) return decided('not-a-diagnosis', `${said} names no disease, only qualifiers or filler`);
  const terms = formTerms(forms, words);
  // An answer that shares no word with any form of the scenario relates to none of them.
  if (!given.words.some((word) => knownWords(terms).has(word))) return decided('no-match', noFormOf(said, truth, givenIcd10));
  const compare = (list: Form[], listTerms: Term[]): Compared[] =>
    list.map((form, i) => ({ form, term: listTerms[i], related: relate(given, listTerms[i]) }));
  const own = compare(forms.own, terms.own);
  const near = compare(forms.nearMisses, terms.near);
  const by = (list: Compared[], relation: Related['relation']) => list.filter((item) => item.related.relation === relation);

  const exact = by(own, 'equal')[0];
  if (exact) return exactRule(exact.form, reading);
  const nearExact = by(near, 'equal')[0];
  if (nearExact)
    return decided('near-miss', `${said} is the near miss ${quote(nearExact.form.text)}`, { kind: 'near-miss', text: nearExact.form.text });

  const related = own.filter((item) => item.related.relation !== 'none');
  // An answer that names a near miss in full is that near miss, whatever else it says, unless it
  // names the disease more fully still ("bronchiectasis due to cystic fibrosis" is the near miss).
  const nearSpecific = mostSpecific(
    near.filter((item) => item.related.relation === 'more-specific' || item.related.relation === 'mentions'),
  );
  const specific = mostSpecific(by(own, 'more-specific'));
  if (nearSpecific && (!specific || termSize(nearSpecific.term) >= termSize(specific.term)))
    return decided('near-miss', `${said} is a form of the near miss ${quote(nearSpecific.form.text)}`, {
      kind: 'near-miss',
      text: nearSpecific.form.text,
    });
  const noForm = noFormOf(said, truth, givenIcd10);
  if (related.length === 0) return decided('no-match', noForm);

  const clash = profileConflict(given.qualifiers, profileOf(terms.own));
  if (clash) {
    const allowed = clash.allowed.length > 0 ? clash.allowed.map((value) => describeQualifier(clash.group, value)).join(' or ') : 'not';
    return decided(
      'qualifier-conflict',
      `${said} says ${describeQualifier(clash.group, clash.given)}, where ${quote(truth.diagnosis)} is ${allowed}`,
    );
  }
  if (specific)
    return decided('more-specific', `${said} is a more specific form of ${quote(specific.form.text)}`, {
      kind: specific.form.kind,
      text: specific.form.text,
    });
  const conflicting = by(own, 'conflict')[0];
  if (conflicting?.related.conflict) {
    const { group, given: mine, reference } = conflicting.related.conflict;
    return decided(
      'qualifier-conflict',
      `${said} says ${describeQualifier(group, mine)} where ${quote(conflicting.form.text)} says ${describeQualifier(group, reference)}`,
      { kind: conflicting.form.kind, text: conflicting.form.text },
    );
  }
  if (given.words.every((word) => vagueWords.has(word)))
    return decided('too-vague', `${said} is too vague to name ${quote(truth.diagnosis)}`);
  const broader = by(own, 'broader').reduce<Compared | undefined>(
    (best, item) => (!best || item.related.missing.length < best.related.missing.length ? item : best),
    undefined,
  );
  if (!broader) return decided('no-match', noForm);
  const matched = { kind: broader.form.kind, text: broader.form.text };
  const lacks = `it lacks ${broader.related.missing.join(', ')}`;
  if (codeWithin(givenIcd10, truth.icd10)) {
    const shared = truth.sharesCodeWith ?? [];
    if (shared.length === 0)
      return decided(
        'icd10-confirms',
        `${said} is broader than ${quote(broader.form.text)} (${lacks}), and ${normaliseIcd10(givenIcd10)} is its own ICD-10 code`,
        matched,
      );
    return decided(
      'broader',
      `${said} is broader than ${quote(broader.form.text)} (${lacks}); its code is shared with ${shared.join(', ')}, so the name decides`,
      matched,
    );
  }
  return decided('broader', `${said} is broader than ${quote(broader.form.text)} (${lacks})`, matched);
}

/** A part of an answer that names something: a disease word, an abbreviation, or a word set the scenario knows. */
function namesSomething(part: string, truth: DiagnosisTruth): boolean {
  if (/^[A-Z][A-Za-z0-9]{1,6}$/.test(undotAbbreviations(part)) && /[A-Z].*[A-Z]/.test(undotAbbreviations(part))) return true;
  const term = termOf(surfaceIn(part, truth.department));
  if (term.words.length === 0) return false;
  if (term.words.some(namesDisease)) return true;
  const forms = formsOf(truth);
  const terms = formTerms(forms, []);
  return [...terms.own, ...terms.near].some((reference) => relate(term, reference).relation !== 'none');
}

/** Whether the whole answer, list separators and all, is one of the scenario's own forms ("Schizophrenia, first episode"). */
function isWholeForm(text: string, truth: DiagnosisTruth): boolean {
  const words = surfaceIn(text, truth.department).join(' ');
  const forms = formsOf(truth);
  return [...forms.own, ...forms.nearMisses].some((form) => form.surface.join(' ') === words);
}

const verdictRank = { correct: 2, partial: 1, wrong: 0 } as const;

/**
 * Grade a diagnosis (name and optional ICD-10 code) against the truth: `correct`, `partial` or
 * `wrong`, with the rule that decided it. Negations and hedges anywhere are wrong; several
 * diagnoses are wrong as one answer; then the name decides, by its words and the qualifiers that
 * change the disease. The ICD-10 code never makes a wrong name right: it only turns a broader name
 * of the same disease (partial) into correct, and not when the code is shared with another scenario.
 */
export function matchDiagnosis(given: string | undefined, truth: DiagnosisTruth, givenIcd10?: string): DiagnosisMatch {
  const answer = given?.replace(/\s+/g, ' ').trim() ?? '';
  if (!answer) return decided('empty', 'no diagnosis given');
  const shape = answerShape(answer);
  if (shape.negation) return decided('negation', `${quote(answer)} negates or excludes the disease (${quote(shape.negation)})`);
  if (shape.hedge) return decided('hedge', `${quote(answer)} hedges (${quote(shape.hedge)}): only one committed diagnosis is graded`);
  const single = undotAbbreviations(shape.text);
  if (/^[A-Za-z][A-Za-z0-9-]{1,7}$/.test(single)) {
    const means = expandAbbreviation(truth.department, single);
    if (means === null)
      return decided(
        'ambiguous-abbreviation',
        `${quote(single)} has more than one meaning in ${truth.department}: write the diagnosis out`,
      );
    if (typeof means === 'string')
      return gradeName(means, truth, givenIcd10, { answer, abbreviation: { written: single, means }, fixes: [] });
  }
  if (shape.parts.length > 1 && !isWholeForm(shape.text, truth)) {
    const named = shape.parts.filter((part) => namesSomething(part, truth));
    if (named.length > 1) {
      const each = named.map((part) => matchDiagnosis(part, truth, givenIcd10));
      if (each.every((match) => match.verdict !== 'wrong'))
        return each.reduce((best, match) => (verdictRank[match.verdict] > verdictRank[best.verdict] ? match : best));
      return decided('list', `${quote(answer)} names ${named.length} diagnoses (${named.join('; ')}): a list is wrong as one answer`);
    }
  }
  return gradeName(shape.text, truth, givenIcd10, { answer, fixes: [] });
}

/** Whether two names name the same disease (same words and qualifiers), with no scenario to go by. */
export function sameDiagnosisName(a: string, b: string): boolean {
  const [x, y] = [termOf(surfaceIn(a, '')), termOf(surfaceIn(b, ''))];
  if (x.words.length === 0) return false;
  return relate(x, y).relation === 'equal';
}
