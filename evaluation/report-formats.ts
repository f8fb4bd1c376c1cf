import { extname } from 'node:path';
import { InputError } from '../domain/errors.js';
import { csvCell, mdCell, meanWithCi, num, pct, withCi } from './format-values.js';
import { asPercent, columnHeader, digitsOf, groupKey, reportKey, tableCell, type MetricDefinition } from './metric-registry.js';
import type { GroupReport, RunReport } from './run-report.js';
import { Metric, metricsIn } from './scorers.js';
import type { Mean, Proportion } from './statistics.js';

export const reportFormats = ['text', 'json', 'csv', 'md', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

const fromExtension: Record<string, ReportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.md': 'md',
  '.markdown': 'md',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

/** The format asked for, else the one the output file's extension names, else text. */
export function chooseFormat(format: string | undefined, outFile: string | undefined): ReportFormat {
  const chosen = format ?? (outFile ? fromExtension[extname(outFile).toLowerCase()] : undefined) ?? 'text';
  if (!(reportFormats as readonly string[]).includes(chosen)) {
    throw new InputError('--format', 'format', `one of ${reportFormats.join(', ')} (got "${chosen}")`);
  }
  return chosen as ReportFormat;
}

const isProportion = (value: unknown): value is Proportion => typeof value === 'object' && value !== null && 'successes' in value;

/** One metric's headline row: a rate with its interval, a mean with its interval, or a number. */
function headlineRow(metric: MetricDefinition, report: RunReport): [string, string] {
  const m = report.metrics;
  const value = m[reportKey(metric)];
  if (metric.name === Metric.modelCalls) return [metric.label, `${m.modelCalls} (${m.cachedCalls})`];
  if (isProportion(value)) return [`${metric.label}${value.interval === 'cluster-bootstrap' ? ', CI over patients' : ''}`, withCi(value)];
  if (typeof value === 'number') return [metric.label, num(value, digitsOf(metric))];
  return [metric.label, meanWithCi(value as Mean, digitsOf(metric), asPercent(metric))];
}

/** Label and value of every headline row, shared by text, Markdown and HTML. */
export function headlineRows(report: RunReport): [string, string][] {
  const rows: [string, string][] = [
    ['Journeys', `${report.journeys} (${report.completed} completed, ${report.failed} failed)`],
    ...metricsIn('report').map((metric) => headlineRow(metric, report)),
  ];
  const r = report.repeatsReport;
  if (r) {
    rows.push(['Mean accuracy over repeats', meanWithCi(r.meanAccuracy, 1, true)]);
    for (const [k, value] of Object.entries(r.passAtK)) rows.push([`pass@${k}`, pct(value)]);
    rows.push([`Correct in all ${r.samplesPerPatient} samples`, pct(r.allCorrect)]);
  }
  const j = report.judge;
  if (j) {
    rows.push([`Judge accuracy (${j.model ?? 'judge'})`, withCi(j.accuracy)]);
    rows.push([
      'Judge agreement, Cohen’s κ',
      `${num(j.kappa.value, 3)} [${num(j.kappa.ci95[0], 3)}, ${num(j.kappa.ci95[1], 3)}] (agreement ${pct(j.kappa.agreement)}, n=${j.kappa.n})`,
    ]);
    if (j.kappaFreeText.n > 0) rows.push(['Judge κ on free-text cases', `${num(j.kappaFreeText.value, 3)} (n=${j.kappaFreeText.n})`]);
    if (j.unscored > 0) rows.push(['Judge: verdicts unscored', String(j.unscored)]);
    if (j.rubric.n > 0) rows.push(['Explanation, judged (share of rubric points)', meanWithCi(j.rubric, 2, true)]);
  }
  return rows;
}

/** One group's cells for the metrics of the `groups` view: a rate with its interval where asked, else the value. */
export function groupCells(group: GroupReport): string[] {
  return metricsIn('groups').map((metric) => {
    const value = group[groupKey(metric)];
    if (isProportion(value)) return metric.withInterval ? withCi(value) : pct(value.value);
    return tableCell(metric, value);
  });
}

function groupRows(groups: Record<string, GroupReport>): string[][] {
  return Object.entries(groups).map(([key, group]) => [key, String(group.journeys), ...groupCells(group)]);
}

export const groupHeader = (): string[] => ['Journeys', ...metricsIn('groups').map(columnHeader)];

export function describeRun(report: RunReport): string {
  const c = report.config;
  const models = Object.entries(c.models)
    .map(([role, spec]) => `${role}=${spec}`)
    .join(' ');
  return `seed ${report.seed}, ${report.patients} patients × ${report.repeats}, scenarios ${String(c.scenarioHash).slice(0, 12)}, facility ${c.facility}${c.population ? `, population ${c.population}` : ''}, max turns ${c.maxTurns}, models: ${models}`;
}

function renderText(report: RunReport): string {
  const lines = [`Run ${report.runId}${report.name ? ` (${report.name})` : ''} — ${report.status}`, describeRun(report), ''];
  const rows = headlineRows(report);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) lines.push(`${label.padEnd(width)}  ${value}`);
  if (Object.keys(report.failureReasons).length > 0) {
    lines.push('', 'Failures:');
    for (const [reason, n] of Object.entries(report.failureReasons)) lines.push(`  ${n} × ${reason}`);
  }
  lines.push('', 'By department:');
  const departments = groupRows(report.byDepartment);
  const deptWidth = Math.max(10, ...departments.map((row) => row[0].length));
  for (const [key, n, accuracy] of departments) lines.push(`  ${key.padEnd(deptWidth)} ${n.padStart(5)}  ${accuracy}`);
  if (report.confusion.pairs.length > 0) {
    lines.push('', 'Most frequent misses (truth → answer):');
    for (const pair of report.confusion.pairs.slice(0, 10)) lines.push(`  ${String(pair.n).padStart(4)} × ${pair.truth} → ${pair.given}`);
  }
  return lines.join('\n') + '\n';
}

function markdownTable(header: string[], rows: string[][], align: string[] = []): string[] {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `| ${header.map((_, i) => align[i] ?? '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
  ];
}

function renderMarkdown(report: RunReport): string {
  const lines = [`# Run ${report.runId}${report.name ? ` — ${mdCell(report.name)}` : ''}`, '', mdCell(describeRun(report)), ''];
  lines.push(...markdownTable(['Metric', 'Value'], headlineRows(report)));
  const align = ['---', '---:', ...metricsIn('groups').map((metric) => (metric.withInterval ? '---' : '---:'))];
  lines.push('', '## By department', '', ...markdownTable(['Department', ...groupHeader()], groupRows(report.byDepartment), align));
  lines.push('', '## By scenario', '', ...markdownTable(['Scenario', ...groupHeader()], groupRows(report.byScenario), align));
  if (report.confusion.pairs.length > 0) {
    lines.push(
      '',
      '## Most frequent misses',
      '',
      ...markdownTable(
        ['Truth', 'Answer given', 'Journeys'],
        report.confusion.pairs.slice(0, 15).map((pair) => [pair.truth, pair.given, String(pair.n)]),
        ['---', '---', '---:'],
      ),
    );
  }
  if (Object.keys(report.failureReasons).length > 0) {
    lines.push(
      '',
      '## Failures',
      '',
      ...markdownTable(
        ['Reason', 'Journeys'],
        Object.entries(report.failureReasons).map(([reason, n]) => [reason, String(n)]),
      ),
    );
  }
  return lines.join('\n') + '\n';
}

/** One row per (scope, key, metric): easy to load into a spreadsheet or a data frame. */
function renderCsv(report: RunReport): string {
  const rows: (string | number | null)[][] = [['run_id', 'scope', 'key', 'metric', 'value', 'ci_low', 'ci_high', 'n']];
  for (const [name, value] of Object.entries(report.metrics)) {
    if (typeof value === 'number') rows.push([report.runId, 'run', '', name, value, '', '', report.journeys]);
    else rows.push([report.runId, 'run', '', name, value.value, value.ci95[0], value.ci95[1], value.n]);
  }
  if (report.repeatsReport)
    for (const [k, value] of Object.entries(report.repeatsReport.passAtK))
      rows.push([report.runId, 'run', '', `passAt${k}`, value, '', '', report.repeatsReport.patients]);
  if (report.judge) {
    rows.push([
      report.runId,
      'run',
      '',
      'judgeAccuracy',
      report.judge.accuracy.value,
      report.judge.accuracy.ci95[0],
      report.judge.accuracy.ci95[1],
      report.judge.accuracy.n,
    ]);
    rows.push([
      report.runId,
      'run',
      '',
      'judgeKappa',
      report.judge.kappa.value,
      report.judge.kappa.ci95[0],
      report.judge.kappa.ci95[1],
      report.judge.kappa.n,
    ]);
  }
  for (const [scope, groups] of [
    ['department', report.byDepartment],
    ['scenario', report.byScenario],
  ] as const) {
    for (const [key, group] of Object.entries(groups)) {
      for (const metric of metricsIn('groups')) {
        const name = groupKey(metric);
        const value = group[name];
        if (isProportion(value)) rows.push([report.runId, scope, key, name, value.value, value.ci95[0], value.ci95[1], value.n]);
        else rows.push([report.runId, scope, key, name, value, '', '', group.journeys]);
      }
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** Every format but HTML, which also streams the journey table (see report-html.ts). */
export function renderReport(report: RunReport, format: Exclude<ReportFormat, 'html'>): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'csv':
      return renderCsv(report);
    case 'md':
      return renderMarkdown(report);
    default:
      return renderText(report);
  }
}
