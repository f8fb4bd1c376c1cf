import type { KnowledgeBase } from './knowledge-base.js';
import { findPhrase, stems } from './text-match.js';

const askStemsCache = new WeakMap<KnowledgeBase, { finding: number; phrases: string[][] }[]>();

/**
 * Findings a free-text complaint names by their ask words ("I've had a cough and a fever" →
 * cough, fever). Used when the chart carries a complaint but no charted complaint facts, as for
 * imported cases.
 */
export function complaintFindings(kb: KnowledgeBase, complaint: string): number[] {
  let table = askStemsCache.get(kb);
  if (!table) {
    table = kb.askableFindings.map((finding) => ({ finding, phrases: kb.findings[finding].ask.map(stems).filter((phrase) => phrase.length > 0) }));
    askStemsCache.set(kb, table);
  }
  const text = stems(complaint);
  return table.filter(({ phrases }) => phrases.some((phrase) => findPhrase(text, phrase) !== undefined)).map(({ finding }) => finding);
}
