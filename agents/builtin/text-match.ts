/**
 * Word matching for the built-in agents: whole words and phrases, case-insensitive, tolerant of
 * simple plurals and verb endings ("coughing" matches "cough", "headaches" matches "headache").
 */

/** Reduce a lower-case word to a crude stem; the same rule on both sides is all matching needs. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 6 && w.endsWith('ness')) w = w.slice(0, -4);
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !w.endsWith('ll') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** Lower-case words of a text ("light-headed" → light, headed; "haven't" → havent). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Stems of the words of a text, in order. */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

const phraseCache = new Map<string, string[]>();

/** Stems of a vocabulary phrase (an ask word or a label), memoised: the vocabulary is finite. */
export function phraseStems(phrase: string): string[] {
  let cached = phraseCache.get(phrase);
  if (!cached) {
    cached = stems(phrase);
    phraseCache.set(phrase, cached);
  }
  return cached;
}

/** A span of stems in a text: [start, end) word positions. */
export interface MatchSpan {
  start: number;
  end: number;
}

/** Where a phrase (already stemmed) occurs as a contiguous run in a stemmed text, or undefined. */
export function findPhrase(text: readonly string[], phrase: readonly string[]): MatchSpan | undefined {
  if (phrase.length === 0 || phrase.length > text.length) return undefined;
  outer: for (let start = 0; start + phrase.length <= text.length; start++) {
    for (let i = 0; i < phrase.length; i++) if (text[start + i] !== phrase[i]) continue outer;
    return { start, end: start + phrase.length };
  }
  return undefined;
}

/** The longest occurrence in `text` of any of the phrases, or undefined when none occurs. */
export function longestMatch(text: readonly string[], phrases: readonly (readonly string[])[]): MatchSpan | undefined {
  let best: MatchSpan | undefined;
  for (const phrase of phrases) {
    const span = findPhrase(text, phrase);
    if (span && (!best || span.end - span.start > best.end - best.start)) best = span;
  }
  return best;
}

/** True when span `inner` lies inside `outer` and is strictly shorter. */
export function strictlyInside(inner: MatchSpan, outer: MatchSpan): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && inner.end - inner.start < outer.end - outer.start;
}
