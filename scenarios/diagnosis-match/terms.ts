import { expandAbbreviation } from './abbreviations.js';
import { dropInert } from './hedges.js';
import { fillerWords, genericHeads, namesDisease, samePhrase, sameWord } from './lexicon.js';
import { foldText, plainWords, surfaceWord, undotAbbreviations } from './text.js';

/**
 * Qualifiers that change the disease: kept apart from the words, and compared group by group.
 * An answer's value must be one the scenario's names use when they use the group at all; where
 * they do not, a value is only more specific, except the values listed as strict (a scenario that
 * never says "benign" or "type 2" is not matched by a "benign …" or "type 2 …" answer).
 */
export const qualifierGroups = [
  'acuity',
  'side',
  'malignancy',
  'virus',
  'type',
  'st',
  'acquisition',
  'invasion',
  'cause',
  'origin',
] as const;
export type QualifierGroup = (typeof qualifierGroups)[number];
const everyValue = 'every value';
const strictValues: Partial<Record<QualifierGroup, ReadonlySet<string> | typeof everyValue>> = {
  malignancy: everyValue,
  virus: everyValue,
  type: everyValue,
  st: everyValue,
  acquisition: everyValue,
  invasion: everyValue,
  // "primary" only restates most diseases; "secondary" names another ("secondary adrenal insufficiency").
  origin: new Set(['secondary']),
};
export const isStrict = (group: QualifierGroup, value: string): boolean => {
  const strict = strictValues[group];
  return strict === everyValue || (strict !== undefined && strict.has(value));
};

export type Qualifiers = Partial<Record<QualifierGroup, string>>;

/** A diagnosis read as canonical words (order kept) and qualifiers. */
export interface Term {
  words: string[];
  /** The words as a set, for comparisons. */
  wordSet: ReadonlySet<string>;
  qualifiers: Qualifiers;
  /** Words the name excludes ("migraine without aura"). */
  without: string[];
  /** The word that names the disease: the last disease word before any "with", "of", "due to" …, else the last word. */
  head?: string;
  /** Words after "with", "due to", "complicated by" …: what comes with the disease or causes it. */
  tail: string[];
}

const roman: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };
const valueTaking = new Set(['hepatitis', 'type', 'influenza', 'vitamin', 'group', 'stage', 'grade', 'class', 'factor']);
const malignantWords = new Set(['cancer', 'adenocarcinoma', 'leukemia', 'lymphoma', 'myeloma', 'melanoma', 'sarcoma', 'seminoma']);
const hepatitisViruses: Record<string, string> = { hav: 'a', hbv: 'b', hcv: 'c', hdv: 'd', hev: 'e' };
const acquisitions: Record<string, string> = {
  community: 'community',
  hospital: 'hospital',
  ventilator: 'ventilator',
  healthcare: 'healthcare',
};

/** Abbreviations written as such (two capitals or more, or dotted) spelled out as the department reads them. */
export function expandAbbreviations(text: string, department: string): string {
  return undotAbbreviations(text).replace(/\b[A-Za-z][A-Za-z0-9]{1,6}\b/g, (token) => {
    if ((token.match(/[A-Z]/g) ?? []).length < 2) return token;
    const expansion = expandAbbreviation(department, token);
    return typeof expansion === 'string' ? expansion : token;
  });
}

/** Surface words of a name: folded, lay phrases replaced, each word singular and in one spelling. */
export function surfaceWords(text: string): string[] {
  const phrased = samePhrase.reduce((rest, [pattern, phrase]) => rest.replace(pattern, phrase), foldText(dropInert(text)));
  return plainWords(phrased).map(surfaceWord);
}

/** Join neighbours that are one word elsewhere ("keto acidosis" → "ketoacidosis" when "ketoacidosis" is known). */
export function joinCompounds(words: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && vocabulary.has(words[i] + words[i + 1])) {
      joined.push(words[i] + words[i + 1]);
      i++;
    } else joined.push(words[i]);
  }
  return joined;
}

const valueOf = (word: string | undefined): string | undefined =>
  word === undefined ? undefined : (roman[word] ?? (/^(\d{1,2}|[a-e])$/.test(word) ? word : undefined));

/** Read qualifiers out of the words; what remains are the words that name the disease. */
function takeQualifiers(words: readonly string[]): { rest: string[]; qualifiers: Qualifiers } {
  const qualifiers: Qualifiers = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const [word, next, after] = [words[i], words[i + 1], words[i + 2]];
    if (word === 'acute' && next === 'on' && after === 'chronic') {
      qualifiers.acuity = 'acute-on-chronic';
      i += 2;
    } else if (word === 'acute' || word === 'chronic' || word === 'subacute') qualifiers.acuity = word;
    else if (word === 'left' || word === 'right' || word === 'bilateral') qualifiers.side = word;
    else if (word === 'secondary' && next === 'to') rest.push('due');
    else if (word === 'primary' || word === 'secondary') qualifiers.origin = word;
    else if (word === 'benign') qualifiers.malignancy = 'benign';
    else if (word === 'malignant') qualifiers.malignancy = 'malignant';
    else if (word === 'in' && next === 'situ') {
      qualifiers.invasion = 'in-situ';
      i++;
    } else if (word === 'viral' || word === 'bacterial' || word === 'fungal' || word === 'parasitic') qualifiers.cause = word;
    else if (acquisitions[word] && (next === 'acquired' || next === 'associated')) {
      qualifiers.acquisition = acquisitions[word];
      i++;
    } else if (word === 'nosocomial') qualifiers.acquisition = 'hospital';
    else if (word === 'non' && next === 'st' && (after === 'elevation' || (after === 'segment' && words[i + 3] === 'elevation'))) {
      qualifiers.st = 'non-elevation';
      i += after === 'segment' ? 3 : 2;
    } else if (word === 'st' && (next === 'elevation' || (next === 'segment' && after === 'elevation'))) {
      qualifiers.st = 'elevation';
      i += next === 'segment' ? 2 : 1;
    } else if (word === 'non' && next !== undefined) {
      // "non-alcoholic", "non-Hodgkin", "non-small-cell": the prefix makes another word.
      rest.push(`non${next}`);
      i++;
    } else if (hepatitisViruses[word]) {
      rest.push('hepatitis');
      qualifiers.virus = hepatitisViruses[word];
    } else if (word === 'hepatitis' && valueOf(next) && /^[a-e]$/.test(next)) {
      rest.push(word);
      qualifiers.virus = next;
      i++;
    } else if ((word === 'type' || word === 'bipolar') && valueOf(next)) {
      if (word === 'bipolar') rest.push(word);
      qualifiers.type = valueOf(next);
      i++;
    } else if ((word === 'stage' || word === 'grade' || word === 'class') && valueOf(next)) i++;
    else if (word === 'type' || word === 'stage') continue;
    else rest.push(word);
  }
  return { rest, qualifiers };
}

/** Words that join a second condition to the disease ("with", "due to"), unlike "of" and "in". */
const jointConnectors = new Set(['with', 'due', 'caused', 'complicated']);

/** Words after which a name goes on about something else: the head comes before them. */
const connectors = new Set(['with', 'without', 'due', 'secondary', 'caused', 'from', 'complicated', 'of', 'in']);

function headOf(rest: readonly string[], canonical: (word: string) => string): string | undefined {
  const cut = rest.findIndex((word) => connectors.has(word));
  const before = (cut > 0 ? rest.slice(0, cut) : rest).map(canonical).filter((word) => !fillerWords.has(word));
  const all = rest.map(canonical).filter((word) => !fillerWords.has(word) && word !== 'a');
  const disease = (list: string[]) => [...list].reverse().find((word) => namesDisease(word) && !genericHeads.has(word));
  return disease(before) ?? disease(all) ?? all[all.length - 1];
}

/** A term from surface words (after any spelling fixes). */
export function termOf(surface: readonly string[]): Term {
  const { rest: taken, qualifiers } = takeQualifiers(surface);
  // "without …" excludes what follows it; the rest names the disease.
  const cut = taken.indexOf('without');
  const rest = cut >= 0 ? taken.slice(0, cut) : taken;
  const canonical = (word: string): string => sameWord[word] ?? word;
  const without =
    cut >= 0
      ? taken
          .slice(cut + 1)
          .filter((word) => !fillerWords.has(word))
          .map(canonical)
      : [];
  const kept = rest.filter((word, i) => {
    if (fillerWords.has(word)) return false;
    // "a" is an article unless it is a value ("hepatitis A", "type A", "influenza A").
    if (word === 'a' && !valueTaking.has(rest[i - 1] ?? '')) return false;
    return true;
  });
  let words = kept.map(canonical);
  const specific = words.filter((word) => !genericHeads.has(word));
  if (specific.length > 0) words = specific;
  if (qualifiers.malignancy === undefined && words.some((word) => malignantWords.has(word))) qualifiers.malignancy = 'malignant';
  if (qualifiers.malignancy === 'malignant' && words.length === 0) words = ['cancer'];
  const head = words.length > 0 ? headOf(rest, canonical) : undefined;
  const joint = rest.findIndex((word) => jointConnectors.has(word));
  const tail =
    joint >= 0
      ? rest
          .slice(joint + 1)
          .filter((word) => !fillerWords.has(word))
          .map(canonical)
      : [];
  return {
    words,
    wordSet: new Set(words),
    qualifiers,
    without,
    tail,
    ...(head && words.includes(head) ? { head } : words.length ? { head: words[words.length - 1] } : {}),
  };
}
