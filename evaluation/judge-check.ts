import pLimit from 'p-limit';
import { formatModelSpec } from '../agents/models/spec.js';
import { matchDiagnosis } from '../scenarios/diagnosis-match.js';
import { agreement, type Agreement } from './agreement.js';
import { num, pct } from './format-values.js';
import { judgeDiagnosis, type JudgeSettings } from './judge.js';
import { judgeVerdicts, type JudgeVerdict } from './judge-prompt.js';
import { referenceCaseKinds, referenceTruth, type JudgeReferenceItem, type ReferenceCaseKind } from './judge-reference.js';

/** One labelled item as the judge and the matcher graded it. */
export interface CheckedItem {
  id: string;
  kind: ReferenceCaseKind;
  given: string;
  reference: string;
  label: JudgeVerdict;
  judge: JudgeVerdict | null;
  matcher: JudgeVerdict;
  /** The judge's reason, or why it gave no verdict. */
  reason: string;
}

export interface JudgeCheckReport {
  model: string;
  set: { file: string; items: number; labels: Record<JudgeVerdict, number> };
  judge: Agreement<JudgeVerdict>;
  matcher: Agreement<JudgeVerdict>;
  byKind: Partial<Record<ReferenceCaseKind, { items: number; judge: number; matcher: number }>>;
  items: CheckedItem[];
}

/** The deterministic matcher's verdict on a labelled item, through its public API. */
export function matcherVerdict(item: JudgeReferenceItem): JudgeVerdict {
  const match = matchDiagnosis(item.given.diagnosis, referenceTruth(item), item.given.icd10);
  return match.correct ? 'correct' : match.partial ? 'partial' : 'wrong';
}

/**
 * Run the judge over a hand-labelled set and measure its agreement with the labels, beside the
 * deterministic matcher's on the same items. Each item is asked once (sample 0).
 */
export async function checkJudge(
  settings: JudgeSettings,
  items: readonly JudgeReferenceItem[],
  options: { file: string; concurrency?: number; onProgress?(done: number, total: number): void },
): Promise<JudgeCheckReport> {
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  let done = 0;
  const checked = await Promise.all(
    items.map((item) =>
      limit(async (): Promise<CheckedItem> => {
        const judgement = await judgeDiagnosis(settings, referenceTruth(item), item.given, 0);
        options.onProgress?.(++done, items.length);
        return {
          id: item.id,
          kind: item.kind,
          given: item.given.diagnosis + (item.given.icd10 ? ` [${item.given.icd10}]` : ''),
          reference: item.reference.diagnosis,
          label: item.verdict,
          judge: judgement.verdict,
          matcher: matcherVerdict(item),
          reason: judgement.reason,
        };
      }),
    ),
  );
  const labels = Object.fromEntries(judgeVerdicts.map((v) => [v, items.filter((item) => item.verdict === v).length])) as Record<
    JudgeVerdict,
    number
  >;
  const byKind: JudgeCheckReport['byKind'] = {};
  for (const kind of referenceCaseKinds) {
    const ofKind = checked.filter((item) => item.kind === kind);
    if (ofKind.length === 0) continue;
    byKind[kind] = {
      items: ofKind.length,
      judge: ofKind.filter((item) => item.judge === item.label).length / ofKind.length,
      matcher: ofKind.filter((item) => item.matcher === item.label).length / ofKind.length,
    };
  }
  return {
    model: formatModelSpec(settings.spec),
    set: { file: options.file, items: items.length, labels },
    judge: agreement(
      judgeVerdicts,
      checked.map((item) => ({ reference: item.label, rated: item.judge })),
    ),
    matcher: agreement(
      judgeVerdicts,
      checked.map((item) => ({ reference: item.label, rated: item.matcher })),
    ),
    byKind,
    items: checked,
  };
}

const kappaText = (kappa: Agreement<JudgeVerdict>['kappa']): string =>
  `${num(kappa.value, 3)} [${num(kappa.ci95[0], 2)}, ${num(kappa.ci95[1], 2)}]`;

function confusionLines(title: string, table: Agreement<JudgeVerdict>['confusion']): string[] {
  const width = 10;
  const lines = [title, `  ${'label'.padEnd(width)}${table.columns.map((column) => column.padStart(width)).join('')}`];
  table.rows.forEach((row, i) => lines.push(`  ${row.padEnd(width)}${table.counts[i].map((n) => String(n).padStart(width)).join('')}`));
  return lines;
}

/** Text shown on a terminal with its control and format characters (bidirectional overrides, zero-width) escaped. */
const shown = (text: string): string =>
  text.replace(/[\p{Cc}\p{Cf}]/gu, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The check as a person reads it: headline agreement, the confusion tables, by kind of case, the disagreements. */
export function formatJudgeCheck(report: JudgeCheckReport, maxDisagreements = 25): string {
  const { judge, matcher, set } = report;
  const rows: [string, string, string][] = [
    ['', 'judge', 'matcher'],
    ['Accuracy (all items)', pct(judge.accuracy.value), pct(matcher.accuracy.value)],
    ['Cohen’s κ, 3 classes', kappaText(judge.kappa), kappaText(matcher.kappa)],
    ['Cohen’s κ, correct vs not', kappaText(judge.kappaFirstVsRest), kappaText(matcher.kappaFirstVsRest)],
    ['Unscored', String(judge.unscored), String(matcher.unscored)],
  ];
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 0];
  const lines = [
    `Judge ${report.model} on ${set.items} hand-labelled diagnoses (${set.labels.correct} correct, ${set.labels.partial} partial, ${set.labels.wrong} wrong)`,
    `from ${set.file}`,
    '',
    ...rows.map(([label, a, b]) => `${label.padEnd(w[0])}  ${a.padEnd(w[1])}  ${b}`),
    '',
    ...confusionLines('Judge against the hand labels (rows: label, columns: judge):', judge.confusion),
    '',
    ...confusionLines('Matcher against the hand labels (rows: label, columns: matcher):', matcher.confusion),
    '',
    'Agreement by kind of case (judge / matcher):',
  ];
  for (const [kind, figures] of Object.entries(report.byKind))
    lines.push(
      `  ${kind.padEnd(18)} ${String(figures.items).padStart(4)}  ${pct(figures.judge).padStart(8)}  ${pct(figures.matcher).padStart(8)}`,
    );
  const disagreements = report.items.filter((item) => item.judge !== item.label);
  if (disagreements.length > 0) {
    lines.push(
      '',
      `Where the judge differs from the label (${disagreements.length}${disagreements.length > maxDisagreements ? `, first ${maxDisagreements}` : ''}):`,
    );
    for (const item of disagreements.slice(0, maxDisagreements))
      lines.push(
        `  ${item.id}: "${shown(item.given)}" for ${item.reference}: judge ${item.judge ?? `unscored (${shown(item.reason)})`}, label ${item.label}`,
      );
  }
  return lines.join('\n') + '\n';
}
