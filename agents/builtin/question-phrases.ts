import { findPhrase, stems } from './text-match.js';

/** At most this many phrases name one finding in a question ("fever or chills"). */
const maxPhrases = 3;

/**
 * The fewest ask words that every scenario's patient recognises for one finding. Each scenario
 * gives its own `ask` list for a shared finding id; a question that uses a phrase containing one
 * of a scenario's ask words is matched by that scenario's patient. Greedy set cover: most
 * scenarios covered first, then the most used word, then the authors' own order.
 *
 * @param askLists one list per scenario that lists the finding: its ask words, then its label.
 */
export function questionPhrases(askLists: readonly (readonly string[])[]): string[] {
  if (askLists.length === 0) return [];
  const listStems = askLists.map((list) => list.map(stems));
  const candidates: { phrase: string; used: number; order: number }[] = [];
  const seen = new Map<string, number>();
  askLists.forEach((list) =>
    list.slice(0, -1).forEach((phrase, position) => {
      const known = seen.get(phrase);
      if (known !== undefined) {
        candidates[known].used++;
        return;
      }
      seen.set(phrase, candidates.length);
      candidates.push({ phrase, used: 1, order: candidates.length * 100 + position });
    }),
  );
  const uncovered = new Set(askLists.map((_, i) => i));
  const chosen: string[] = [];
  while (uncovered.size > 0 && chosen.length < maxPhrases) {
    let best: { phrase: string; covers: number[]; used: number; order: number } | undefined;
    for (const candidate of candidates) {
      if (chosen.includes(candidate.phrase)) continue;
      const phraseStems = stems(candidate.phrase);
      const covers = [...uncovered].filter((i) => listStems[i].some((ask) => findPhrase(phraseStems, ask) !== undefined));
      const better =
        !best ||
        covers.length > best.covers.length ||
        (covers.length === best.covers.length &&
          (candidate.used > best.used || (candidate.used === best.used && candidate.order < best.order)));
      if (covers.length > 0 && better) best = { ...candidate, covers };
    }
    if (!best) break;
    chosen.push(best.phrase);
    for (const i of best.covers) uncovered.delete(i);
  }
  return chosen;
}
