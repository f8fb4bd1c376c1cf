import levenshtein from 'damerau-levenshtein';
import { confusableWords, contrastEndings, contrastPrefixes, fillerWords } from './lexicon.js';

/** Edits tolerated in a word of this length: none below 5 letters, one up to 9, two from 10. */
export function toleratedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 10 ? 1 : 2;
}

function contrasts(a: string, b: string): boolean {
  const prefix = contrastPrefixes.some((set) => {
    const pa = set.find((p) => a.startsWith(p));
    const pb = set.find((p) => b.startsWith(p));
    return pa !== undefined && pb !== undefined && pa !== pb;
  });
  const ending = contrastEndings.some((set) => {
    const ea = set.find((e) => a.endsWith(e));
    const eb = set.find((e) => b.endsWith(e));
    return ea !== undefined && eb !== undefined && ea !== eb;
  });
  return prefix || ending;
}

/**
 * The word an unknown word is a misspelling of, among the scenario's words: one within the
 * tolerated edits (a swap of two letters is one edit), starting with the same letter, not a real
 * word of its own, not swapping a prefix or ending that changes the meaning (hypo/hyper,
 * -itis/-osis), and the only candidate that close. Otherwise undefined.
 */
export function correctSpelling(word: string, vocabulary: ReadonlySet<string>): string | undefined {
  if (vocabulary.has(word) || confusableWords.has(word) || fillerWords.has(word) || /\d/.test(word)) return undefined;
  let best: string | undefined;
  let bestSteps = Infinity;
  let tie = false;
  for (const candidate of vocabulary) {
    const allowed = Math.min(toleratedEdits(candidate.length), toleratedEdits(word.length));
    if (allowed === 0 || candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > allowed) continue;
    const { steps } = levenshtein(word, candidate);
    if (steps > allowed || contrasts(word, candidate)) continue;
    if (steps < bestSteps) [best, bestSteps, tie] = [candidate, steps, false];
    else if (steps === bestSteps) tie = true;
  }
  return tie ? undefined : best;
}
