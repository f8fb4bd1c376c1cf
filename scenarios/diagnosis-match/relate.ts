import { namesDisease } from './lexicon.js';
import { isStrict, qualifierGroups, type QualifierGroup, type Qualifiers, type Term } from './terms.js';

/** How an answer's term stands to one reference term. */
export type Relation =
  /** The same words and qualifiers. */
  | 'equal'
  /** Every word and qualifier of the reference, and more ("saddle pulmonary embolism"). */
  | 'more-specific'
  /** Some of the reference's words and qualifiers, its head word among them ("leukaemia" for AML). */
  | 'broader'
  /** Related words, but a qualifier with another value ("chronic" for "acute"). */
  | 'conflict'
  /** Every word and qualifier of the reference, in an answer about another disease ("bronchiectasis due to cystic fibrosis" mentions cystic fibrosis). */
  | 'mentions'
  | 'none';

export interface Related {
  relation: Relation;
  /** Words and qualifiers of the reference the answer lacks (broader). */
  missing: string[];
  /** The qualifier that disagrees (conflict). */
  conflict?: { group: QualifierGroup; given: string; reference: string };
}

export const describeQualifier = (group: QualifierGroup, value: string): string =>
  group === 'type'
    ? `type ${value}`
    : group === 'virus'
      ? `hepatitis ${value.toUpperCase()}`
      : group === 'st'
        ? value === 'elevation'
          ? 'ST-elevation'
          : 'non-ST-elevation'
        : value;

export function relate(given: Term, reference: Term): Related {
  const [have, want] = [given.wordSet, reference.wordSet];
  const coversReference = reference.words.every((word) => have.has(word));
  const withinReference = given.words.every((word) => want.has(word));
  if (!coversReference && !withinReference) return { relation: 'none', missing: [] };
  // A name that excludes what the other names ("… without pneumonia") is not related to it.
  if (given.without.some((word) => want.has(word)) || reference.without.some((word) => have.has(word)))
    return { relation: 'none', missing: [] };
  let extraQualifier = false;
  const missing = reference.words.filter((word) => !have.has(word));
  for (const group of qualifierGroups) {
    const [mine, theirs] = [given.qualifiers[group], reference.qualifiers[group]];
    if (mine !== undefined && theirs !== undefined && mine !== theirs)
      return { relation: 'conflict', missing: [], conflict: { group, given: mine, reference: theirs } };
    if (mine !== undefined && theirs === undefined) extraQualifier = true;
    if (mine === undefined && theirs !== undefined) missing.push(describeQualifier(group, theirs));
  }
  const extraWords = given.words.some((word) => !want.has(word));
  const sameWithout = given.without.length === reference.without.length && given.without.every((word) => reference.without.includes(word));
  if (coversReference && missing.length === 0) {
    if (!extraWords && !extraQualifier && sameWithout) return { relation: 'equal', missing };
    // More specific only while the answer is still about the reference's disease: its head word
    // is one of the reference's ("saddle pulmonary embolism"), not another disease it mentions
    // ("Klebsiella pneumoniae liver abscess" is no pneumonia).
    if (given.head === undefined || want.has(given.head)) return { relation: 'more-specific', missing };
    return { relation: 'mentions', missing: [] };
  }
  const headKept = reference.head !== undefined && have.has(reference.head);
  // "deep vein thrombosis with pulmonary embolism" names a second disease: its first alone is no broader name of it.
  const secondDisease = reference.tail.some(namesDisease);
  // An extra qualifier does not stop a broader reading ("acute myocardial infarction" for NSTEMI);
  // whether the scenario allows it is judged against all its names (profileConflict).
  if (withinReference && headKept && !secondDisease && missing.length > 0) return { relation: 'broader', missing };
  return { relation: 'none', missing: [] };
}

/** Every value each qualifier group takes among the scenario's own names. */
export type Profile = Partial<Record<QualifierGroup, Set<string>>>;

export function profileOf(terms: readonly Term[]): Profile {
  const profile: Profile = {};
  for (const term of terms)
    for (const group of qualifierGroups) {
      const value = term.qualifiers[group];
      if (value !== undefined) (profile[group] ??= new Set()).add(value);
    }
  return profile;
}

/**
 * The first qualifier of the answer the scenario does not allow: a value none of its names has,
 * in a group its names use (or in a strict group at all).
 */
export function profileConflict(
  qualifiers: Qualifiers,
  profile: Profile,
): { group: QualifierGroup; given: string; allowed: string[] } | undefined {
  for (const group of qualifierGroups) {
    const value = qualifiers[group];
    if (value === undefined) continue;
    const allowed = profile[group];
    if (allowed ? !allowed.has(value) : isStrict(group, value)) return { group, given: value, allowed: [...(allowed ?? [])] };
  }
  return undefined;
}

/** Size of a term, to prefer the most specific of several forms an answer covers. */
export const termSize = (term: Term): number => term.words.length + Object.keys(term.qualifiers).length;
