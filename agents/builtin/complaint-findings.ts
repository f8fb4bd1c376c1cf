import type { KnowledgeBase } from './knowledge-base.js';
import { findPhrase, stems } from './text-match.js';

const askStemsCache = new WeakMap<KnowledgeBase, { finding: number; phrases: string[][] }[]>();
/** Recent complaints read, per knowledge base: every turn of a consultation rereads the same one. */
const readCache = new WeakMap<KnowledgeBase, Map<string, number[]>>();
const readCacheSize = 256;

/**
 * Findings a free-text complaint names by their ask words ("I've had a cough and a fever" →
 * cough, fever). Used when the chart carries a complaint but no charted complaint facts, as for
 * imported cases.
 */
export function complaintFindings(kb: KnowledgeBase, complaint: string): number[] {
  let table = askStemsCache.get(kb);
  if (!table) {
    table = kb.askableFindings.map((finding) => ({
      finding,
      phrases: kb.findings[finding].ask.map(stems).filter((phrase) => phrase.length > 0),
    }));
    askStemsCache.set(kb, table);
  }
  let read = readCache.get(kb);
  if (!read) {
    read = new Map();
    readCache.set(kb, read);
  }
  const known = read.get(complaint);
  if (known) return known;
  const text = stems(complaint);
  const found = table
    .filter(({ phrases }) => phrases.some((phrase) => findPhrase(text, phrase) !== undefined))
    .map(({ finding }) => finding);
  if (read.size >= readCacheSize) read.clear();
  read.set(complaint, found);
  return found;
}
