import type { Chart } from '../../domain/chart.js';
import type { DoctorExperience } from './experience.js';
import { ruleText } from './learner.js';
import type { CaseSummary, ExperienceRule } from './types.js';

/** How much experience may enter a doctor's context at once. */
export interface RetrievalBudget {
  cases: number;
  rules: number;
  /** Characters of rendered experience at most. */
  chars: number;
}

export const defaultRetrievalBudget: RetrievalBudget = { cases: 3, rules: 3, chars: 1800 };

export interface RetrievedExperience {
  cases: { summary: CaseSummary; score: number }[];
  rules: { rule: ExperienceRule; score: number }[];
}

/** Findings charted present: what a chart is compared on. */
export const presentFindings = (chart: Chart): Set<string> =>
  new Set(chart.revealed.filter((fact) => fact.present).map((fact) => fact.factId));

/** Cosine of two binary finding sets: |A∩B| / √(|A|·|B|). */
export function findingOverlap(a: ReadonlySet<string>, b: readonly string[]): number {
  if (a.size === 0 || b.length === 0) return 0;
  let shared = 0;
  for (const id of b) if (a.has(id)) shared++;
  return shared / Math.sqrt(a.size * b.length);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The past cases and rules most like this chart: cases by finding overlap (blended half and half
 * with embedding cosine when both the query and the case have an embedding), rules by the share
 * of their trigger weight this chart shows, a little more for rules with more failures behind them.
 * Ties go to the earlier case or rule key, so retrieval is deterministic.
 */
export function retrieveExperience(
  experience: DoctorExperience,
  chart: Chart,
  budget: RetrievalBudget = defaultRetrievalBudget,
  queryEmbedding?: readonly number[],
): RetrievedExperience {
  const present = presentFindings(chart);
  const cases = experience.cases
    .map((summary) => {
      const overlap = findingOverlap(
        present,
        summary.findings.map((finding) => finding.id),
      );
      const score = queryEmbedding && summary.embedding ? (overlap + cosine(queryEmbedding, summary.embedding)) / 2 : overlap;
      return { summary, score };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.summary.seq - b.summary.seq)
    .slice(0, budget.cases);
  const rules = experience
    .sortedRules()
    .map((rule) => {
      const weights = Object.entries(rule.triggers);
      const total = weights.reduce((sum, [, n]) => sum + n, 0);
      const shown = weights.reduce((sum, [id, n]) => sum + (present.has(id) ? n : 0), 0);
      return { rule, score: total === 0 ? 0 : (shown / total) * (1 + Math.log(rule.support)) };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || (a.rule.key < b.rule.key ? -1 : 1))
    .slice(0, budget.rules);
  return { cases, rules };
}

/** One past case in a line. */
export function caseText(summary: CaseSummary): string {
  const findings = summary.findings.map((finding) => finding.text).join('; ');
  const tests = summary.helpfulTests.length > 0 ? ` Tests that helped: ${summary.helpfulTests.join(', ')}.` : '';
  return `${summary.age}-year-old ${summary.sex}, "${summary.complaint}". Findings: ${findings || 'none charted'}.${tests} Diagnosis: ${summary.diagnosis} (${summary.icd10}).`;
}

/**
 * Retrieved experience as a block of a doctor's context, cut to the character budget (whole
 * lines only); undefined when nothing was retrieved.
 */
export function renderExperience(retrieved: RetrievedExperience, budget: RetrievalBudget = defaultRetrievalBudget): string | undefined {
  if (retrieved.cases.length === 0 && retrieved.rules.length === 0) return undefined;
  const header =
    'Experience from your past patients (similar cases and lessons from your mistakes; the patient in front of you may differ):';
  const lines = [header];
  let used = header.length;
  const addLine = (line: string): void => {
    if (used + line.length + 1 > budget.chars) return;
    lines.push(line);
    used += line.length + 1;
  };
  retrieved.cases.forEach(({ summary }, i) => addLine(`- Past case ${i + 1}: ${caseText(summary)}`));
  retrieved.rules.forEach(({ rule }) => addLine(`- Lesson: ${ruleText(rule)}`));
  return lines.length > 1 ? lines.join('\n') : undefined;
}
