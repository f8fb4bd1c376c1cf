import { extname } from 'node:path';
import { InputError } from '../environment/errors.js';
import type { GroupReport, RunReport } from './run-report.js';
import type { Proportion } from './statistics.js';

export const reportFormats = ['text', 'json', 'csv', 'md'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The format asked for, else the one the output file's extension names, else text. */
export function chooseFormat(format: string | undefined, outFile: string | undefined): ReportFormat {
  const fromExtension: Record<string, ReportFormat> = { '.json': 'json', '.csv': 'csv', '.md': 'md', '.markdown': 'md', '.txt': 'text' };
  const chosen = format ?? (outFile ? fromExtension[extname(outFile).toLowerCase()] : undefined) ?? 'text';
  if (!(reportFormats as readonly string[]).includes(chosen)) {
    throw new InputError('--format', 'format', `one of ${reportFormats.join(', ')} (got "${chosen}")`);
  }
  return chosen as ReportFormat;
}

const pct = (value: number): string => (Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)} %`);
const num = (value: number, digits = 1): string => (Number.isNaN(value) ? '—' : value.toFixed(digits));
const withCi = (p: Proportion): string => (p.n === 0 ? '—' : `${pct(p.value)} [${pct(p.ci95[0])}, ${pct(p.ci95[1])}] (n=${p.n})`);

function headlineRows(report: RunReport): [string, string][] {
  const m = report.metrics;
  return [
    ['Journeys', `${report.journeys} (${report.completed} completed, ${report.failed} failed)`],
    ['Accuracy (top-1)', withCi(m.accuracy)],
    ['Top-3', withCi(m.top3)],
    ['Same ICD-10 category', withCi(m.icd10Category)],
    ['Triage department', withCi(m.triageDepartment)],
    ['Triage acuity', withCi(m.triageAcuity)],
    ['Mean turns', num(m.meanTurns)],
    ['Mean tests', num(m.meanTests)],
    ['Mean test cost (USD)', num(m.meanTestCost, 2)],
    ['Mean time to diagnosis (sim min)', num(m.meanTimeToDiagnosis, 0)],
  ];
}

function groupRows(groups: Record<string, GroupReport>): string[][] {
  return Object.entries(groups).map(([key, group]) => [key, String(group.journeys), withCi(group.accuracy)]);
}

function describeRun(report: RunReport): string {
  const c = report.config;
  const models = Object.entries(c.models)
    .map(([role, spec]) => `${role}=${spec}`)
    .join(' ');
  return `seed ${report.seed}, ${report.patients} patients × ${report.repeats}, facility ${c.facility}${c.population ? `, population ${c.population}` : ''}, max turns ${c.maxTurns}, models: ${models}`;
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
  return lines.join('\n') + '\n';
}

function renderMarkdown(report: RunReport): string {
  const lines = [`# Run ${report.runId}${report.name ? ` — ${report.name}` : ''}`, '', describeRun(report), '', '| Metric | Value |', '| --- | --- |'];
  for (const [label, value] of headlineRows(report)) lines.push(`| ${label} | ${value} |`);
  lines.push('', '## By department', '', '| Department | Journeys | Accuracy [95 % CI] |', '| --- | ---: | --- |');
  for (const [key, n, accuracy] of groupRows(report.byDepartment)) lines.push(`| ${key} | ${n} | ${accuracy} |`);
  lines.push('', '## By scenario', '', '| Scenario | Journeys | Accuracy [95 % CI] |', '| --- | ---: | --- |');
  for (const [key, n, accuracy] of groupRows(report.byScenario)) lines.push(`| ${key} | ${n} | ${accuracy} |`);
  return lines.join('\n') + '\n';
}

const csvCell = (value: string | number): string => {
  const text = typeof value === 'number' ? (Number.isNaN(value) ? '' : String(value)) : value;
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per (scope, key, metric): easy to load into a spreadsheet or a data frame. */
function renderCsv(report: RunReport): string {
  const rows: (string | number)[][] = [['run_id', 'scope', 'key', 'metric', 'value', 'ci_low', 'ci_high', 'n']];
  const m = report.metrics;
  for (const [name, p] of Object.entries({ accuracy: m.accuracy, top3: m.top3, icd10Category: m.icd10Category, triageDepartment: m.triageDepartment, triageAcuity: m.triageAcuity })) {
    rows.push([report.runId, 'run', '', name, p.value, p.ci95[0], p.ci95[1], p.n]);
  }
  for (const [name, value] of Object.entries({ meanTurns: m.meanTurns, meanTests: m.meanTests, meanTestCost: m.meanTestCost, meanTimeToDiagnosis: m.meanTimeToDiagnosis })) {
    rows.push([report.runId, 'run', '', name, value, '', '', report.journeys]);
  }
  for (const [scope, groups] of [['department', report.byDepartment], ['scenario', report.byScenario]] as const) {
    for (const [key, group] of Object.entries(groups)) {
      rows.push([report.runId, scope, key, 'accuracy', group.accuracy.value, group.accuracy.ci95[0], group.accuracy.ci95[1], group.accuracy.n]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function renderReport(report: RunReport, format: ReportFormat): string {
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
