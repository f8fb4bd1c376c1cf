import { foldText } from './text.js';

/** Fixed phrases that contain a negation word but negate nothing: dropped before looking for one. */
const inertPhrases = [/\bnot otherwise specified\b/gi, /\bnot elsewhere classified\b/gi, /\bunspecified\b/gi, /\bnos\b/gi];
/** Names with a negation word in them: not a negation ("carcinoma of no special type"). */
const negatingNames = [/\bno special type\b/gi];

/** Words that only restate that this is the diagnosis: dropped ("likely", "final diagnosis:"). */
const restatements = [
  /\b(?:final|working|provisional|clinical|principal|primary)\s+diagnosis\b\s*(?:of\b)?\s*:?/gi,
  /\b(?:diagnosis|dx|impression|assessment)\s*(?:is\b)?\s*:/gi,
  /\bmost likely\b/gi,
  /\blikely\b/gi,
  /\bprobable\b/gi,
  /\bprobably\b/gi,
  /\bpresum(?:ed|ptive)\b/gi,
  /\b(?:consistent|compatible) with\b/gi,
  /\bin keeping with\b/gi,
  /\bsuggestive of\b/gi,
];

/** Words that deny or exclude the disease named beside them. */
const negations: [RegExp, string][] = [
  [/\bnot\b/, 'not'],
  [/\bno\b/, 'no'],
  [/\bruled? out\b|\brules out\b|\br\/o\b/, 'ruled out'],
  [/\bexclud(?:ed|es|e|ing)\b/, 'excluded'],
  [/\bunlikely\b/, 'unlikely'],
  [/\bdoubtful\b|\bimprobable\b/, 'doubtful'],
  [/\bnegative for\b/, 'negative for'],
  [/\babsence of\b|\babsent\b/, 'absent'],
  [/\bwithout evidence\b/, 'without evidence'],
];

/** Words that leave the choice between diseases open, or only raise one. */
const hedges: [RegExp, string][] = [
  [/\?/, '?'],
  [/\bvs\b|\bv\.(?=\s)|\bversus\b/, 'vs'],
  [/\band\/or\b/, 'and/or'],
  [/\bor\b/, 'or'],
  [/\beither\b|\bnor\b/, 'either/nor'],
  [/\bdifferentials?\b|\bddx\b/, 'differential'],
  [/\bpossib(?:le|ly|ility)\b|\bmaybe\b|\bperhaps\b/, 'possible'],
  [/\bquer(?:y|ied)\b|\bquestionable\b/, 'query'],
  [/\bsuspect(?:ed)?\b|\bsuspicio(?:n|us)\b/, 'suspected'],
  [/\bcannot\b|\bcan't\b/, 'cannot exclude'],
  [/\bconsider(?:ed)?\b/, 'consider'],
  [/\buncertain\b|\bunclear\b|\bundetermined\b|\bto be confirmed\b|\btbc\b/, 'uncertain'],
];

export interface AnswerShape {
  /** The answer with inert phrases and restatements dropped (original case). */
  text: string;
  /** The negation word found anywhere, parentheses included. */
  negation?: string;
  /** The hedge found anywhere. */
  hedge?: string;
  /** The answer cut at list separators and parentheses: one part unless several things are named. */
  parts: string[];
}

/** A name without the phrases that only say it is unspecified ("not otherwise specified", "NOS"). */
export const dropInert = (text: string): string => dropAll(text, inertPhrases);

function dropAll(text: string, patterns: readonly RegExp[]): string {
  return patterns.reduce((rest, pattern) => rest.replace(pattern, ' '), text);
}

/**
 * Read the shape of an answer before its words: negations and hedges anywhere (inside
 * parentheses too: "pneumonia (ruled out)" is a negation), and the parts a list would have.
 */
const shapes = new Map<string, AnswerShape>();

export function answerShape(answer: string): AnswerShape {
  let shape = shapes.get(answer);
  if (!shape) {
    if (shapes.size > 10_000) shapes.clear();
    shapes.set(answer, (shape = readShape(answer)));
  }
  return shape;
}

function readShape(answer: string): AnswerShape {
  const text = dropAll(dropAll(answer, inertPhrases), restatements).replace(/\s+/g, ' ').trim();
  const folded = foldText(dropAll(text, negatingNames));
  const negation = negations.find(([pattern]) => pattern.test(folded))?.[1];
  const hedge = hedges.find(([pattern]) => pattern.test(folded))?.[1];
  const parts = text
    .split(/[()[\]{};,/|\n&+]|\band\b|\bplus\b|\balso\b|\s-\s|:|(?:^|\s)\d{1,2}[.)](?=\s)/i)
    .map((part) => part.trim())
    .filter((part) => /[a-z0-9]/i.test(part));
  return { text, ...(negation ? { negation } : {}), ...(hedge ? { hedge } : {}), parts };
}
