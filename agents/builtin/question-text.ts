import type { FindingEntry } from './knowledge-base.js';

/** "a", "a or b", "a, b or c". */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function named(finding: FindingEntry): string {
  const phrases = finding.questionPhrases.length > 0 ? finding.questionPhrases : [finding.label];
  return phrases.join(' or ');
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
