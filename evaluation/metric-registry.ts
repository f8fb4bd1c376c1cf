import type { Score } from '../domain/score.js';
import { num, pct } from './format-values.js';

/**
 * What every metric is, declared once by the scorer that produces it: its kind, how it reads,
 * which way is better, and where it is shown. Reports, `compare`, the bench leaderboard and the
 * terminal derive their rows and columns from these definitions (see scorers.ts for the list).
 */

/** rate: a share of journeys (0/1 per journey); mean: an average of a value; the others are means of a unit. */
export type MetricKind = 'rate' | 'mean' | 'count' | 'cost' | 'minutes' | 'tokens' | 'milliseconds';

/**
 * Where a metric is shown: `summary`, aggregated in a run report's JSON and CSV; `report`, a row of
 * its headline (text, Markdown, HTML); `groups`, a column of the per-department and per-scenario
 * tables; `compare`, a paired row of `hospital compare`; `leaderboard`, a column of the bench leaderboard.
 */
export type MetricView = 'summary' | 'report' | 'groups' | 'compare' | 'leaderboard';

export interface MetricSpec {
  kind: MetricKind;
  /** The label in the report's headline and in `compare`. */
  label: string;
  /** The header of a table column (groups, leaderboard); the label when absent. */
  short?: string;
  /** Shown as a percentage (rates always are). */
  percent?: boolean;
  /** Decimals when not a percentage. */
  digits?: number;
  /** Which way is better; null when neither (a count, a category match). */
  higherIsBetter: boolean | null;
  views: readonly MetricView[];
  /** Its key in a run report's and a comparison's JSON, where that is not its name (top-1 is `accuracy`). */
  key?: string;
  /** Its key in a group of the run report (per department, per scenario), where that is not the key. */
  groupKey?: string;
  /** Tables show its 95 % interval beside it. */
  withInterval?: boolean;
}

export interface MetricDefinition extends MetricSpec {
  /** The name scores are stored under. */
  name: string;
}

/** Name each spec by its key: `defineMetrics({ top1: {…} }).top1.name === 'top1'`. */
export function defineMetrics<const T extends Record<string, MetricSpec>>(specs: T): { [K in keyof T & string]: T[K] & { name: K } } {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { ...spec, name }])) as {
    [K in keyof T & string]: T[K] & { name: K };
  };
}

/** Shown as a percentage: every rate, and the means that are shares. */
export const asPercent = (metric: MetricSpec): boolean => metric.kind === 'rate' || metric.percent === true;

/** Decimals a value of this metric is shown with when it is not a percentage. */
export const digitsOf = (metric: MetricSpec): number => metric.digits ?? (metric.kind === 'count' || metric.kind === 'tokens' ? 0 : 1);

/** One value as reports show it: a percentage, a number with the metric's decimals, or a dash when unscored. */
export const formatMetric = (metric: MetricSpec, value: number): string => (asPercent(metric) ? pct(value) : num(value, digitsOf(metric)));

/** The key of a metric in report and comparison JSON. */
export const reportKey = (metric: MetricDefinition): string => metric.key ?? metric.name;

/** The key of a metric in a group of the run report. */
export const groupKey = (metric: MetricDefinition): string => metric.groupKey ?? reportKey(metric);

/** One value in a table cell (groups, leaderboard): a percentage, dollars, milliseconds or a number. */
export function tableCell(metric: MetricSpec, value: number): string {
  if (asPercent(metric)) return pct(value);
  if (metric.kind === 'cost') return `$${num(value, digitsOf(metric))}`;
  if (metric.kind === 'milliseconds') return Number.isNaN(value) ? '—' : `${num(value, digitsOf(metric))} ms`;
  return num(value, digitsOf(metric));
}

/** A header cell: the short label, else the label. */
export const columnHeader = (metric: MetricSpec): string => metric.short ?? metric.label;

/** A pass/fail reading of one journey's score: passed, failed (a flag raised), or neither (a number to show). */
export function verdictOf(metric: MetricSpec | undefined, score: Score): 'pass' | 'fail' | undefined {
  if (!metric || metric.kind !== 'rate' || metric.higherIsBetter === null) return undefined;
  return score.value >= 1 === metric.higherIsBetter ? 'pass' : 'fail';
}
