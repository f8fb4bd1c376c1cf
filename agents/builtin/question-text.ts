import type { FindingEntry } from './knowledge-base.js';
import { findPhrase, stems } from './text-match.js';

/** "a", "a or b", "a, b or c". */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * The finding by its name ("back pain"), followed by the patient's words for it when the name
 * does not already contain them ("photophobia — light or bright"), so the question reads as a
 * clinician's and every scenario's patient still recognises it.
 */
function named(finding: FindingEntry): string {
  const phrases = finding.questionPhrases;
  if (phrases.length === 0) return finding.label;
  const label = stems(finding.label);
  const missing = phrases.filter((phrase) => findPhrase(label, stems(phrase)) === undefined);
  return missing.length === 0 ? finding.label : `${finding.label} — ${missing.join(' or ')}`;
}

/**
 * A natural question about one or a few findings, in the ask words every scenario's patient
 * recognises: "Have you had any fever or chills, or any cough?"; history: "Is there any history of smoking?".
 */
export function questionAbout(findings: readonly FindingEntry[]): string {
  const symptoms = findings.filter((finding) => finding.kind !== 'history').map(named);
  const history = findings.filter((finding) => finding.kind === 'history').map(named);
  const sentences: string[] = [];
  if (symptoms.length > 0) sentences.push(`Have you had any ${symptoms.join(', or any ')}?`);
  if (history.length > 0) sentences.push(`${sentences.length > 0 ? 'And is' : 'Is'} there any history of ${history.join(', or of ')}?`);
  return sentences.join(' ');
}
