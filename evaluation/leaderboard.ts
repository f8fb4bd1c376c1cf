import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { compareRuns } from './compare.js';
import { csvCell, mdCell, pct } from './format-values.js';
import { buildRunReport } from './run-report.js';
import { reportKey, tableCell, columnHeader, type MetricDefinition } from './metric-registry.js';
import { Metric, metricsIn } from './scorers.js';
import type { Mean, Proportion } from './statistics.js';

/** The leaderboard's metric columns after accuracy, from the registry. */
const columns = (): MetricDefinition[] => metricsIn('leaderboard').filter((metric) => metric.name !== Metric.top1);

const meanValue = (value: Proportion | Mean | number | undefined): number =>
  typeof value === 'number' ? value : (value?.value ?? Number.NaN);
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export interface LeaderboardRow {
  model: string;
  runId: string;
  journeys: number;
  failed: number;
  accuracy: Proportion;
  /** Every other metric of the `leaderboard` view, by name: its mean over the run. */
  metrics: Record<string, number>;
  /** Mean test cost per case (USD). */
  costPerCase: number;
  tokensPerCase: number;
  /** Mean latency of a model call not served from the cache (ms); NaN for built-in agents. */
  meanLatencyMs: number;
  /** Paired against the built-in doctor on the same patients: B − A and McNemar's p. */
  vsBuiltin: { difference: number; ci95: [number, number]; pValue: number } | null;
  /** On the accuracy-versus-cost frontier: no other model is at least as accurate for less. */
  pareto: boolean;
}

export interface Leaderboard {
  seed: number;
  patients: number;
  scenarioHash: string;
  rows: LeaderboardRow[];
  /** Models on the accuracy-versus-cost frontier, cheapest first. */
  frontier: string[];
}

/** Indices of the points no other point dominates (cost no higher and accuracy no lower, one strictly). */
export function paretoFrontier(points: readonly { cost: number; accuracy: number }[]): number[] {
  const valid = (p: { cost: number; accuracy: number }): boolean => Number.isFinite(p.cost) && Number.isFinite(p.accuracy);
  return points
    .map((point, i) => ({ point, i }))
    .filter(
      ({ point, i }) =>
        valid(point) &&
        !points.some(
          (other, j) =>
            j !== i &&
            valid(other) &&
            other.cost <= point.cost &&
            other.accuracy >= point.accuracy &&
            (other.cost < point.cost || other.accuracy > point.accuracy),
        ),
    )
    .sort((a, b) => a.point.cost - b.point.cost)
    .map(({ i }) => i);
}

/** One row per model run on the same patients, the built-in doctor among them; sorted by accuracy. */
export function buildLeaderboard(store: RunStore, entries: readonly { model: string; run: RunRecord }[]): Leaderboard {
  const builtin = entries.find((entry) => entry.model === 'builtin');
  const rows: LeaderboardRow[] = entries.map(({ model, run }) => {
    const report = buildRunReport(store, store.getRun(run.id));
    const m = report.metrics;
    let vsBuiltin: LeaderboardRow['vsBuiltin'] = null;
    if (builtin && builtin.run.id !== run.id && report.journeys > 0) {
      const c = compareRuns(store, store.getRun(builtin.run.id), store.getRun(run.id));
      vsBuiltin = { difference: c.metrics.accuracy.difference, ci95: c.metrics.accuracy.ci95, pValue: c.metrics.accuracy.mcnemar.pValue };
    }
    return {
      model,
      runId: run.id,
      journeys: report.journeys,
      failed: report.failed,
      accuracy: m.accuracy,
      metrics: Object.fromEntries(columns().map((metric) => [metric.name, meanValue(m[reportKey(metric)])])),
      costPerCase: m.meanTestCost,
      tokensPerCase: m.tokensPerCase,
      meanLatencyMs: m.meanLatencyMs,
      vsBuiltin,
      pareto: false,
    };
  });
  const frontier = paretoFrontier(rows.map((row) => ({ cost: row.costPerCase, accuracy: row.accuracy.value })));
  for (const i of frontier) rows[i].pareto = true;
  const frontierModels = frontier.map((i) => rows[i].model);
  rows.sort((a, b) => (b.accuracy.value || 0) - (a.accuracy.value || 0) || a.costPerCase - b.costPerCase);
  const first = entries[0]?.run;
  return {
    seed: first?.seed ?? 0,
    patients: first?.patients ?? 0,
    scenarioHash: first?.scenarioHash ?? '',
    rows,
    frontier: frontierModels,
  };
}

const pValue = (p: number): string => (p >= 0.001 ? p.toFixed(3) : p.toExponential(1));

function cells(row: LeaderboardRow): string[] {
  const a = row.accuracy;
  const vs = row.vsBuiltin
    ? `${row.vsBuiltin.difference >= 0 ? '+' : '−'}${Math.abs(row.vsBuiltin.difference * 100).toFixed(1)} pts (p=${pValue(row.vsBuiltin.pValue)})`
    : '—';
  return [
    row.model,
    `${pct(a.value)} [${pct(a.ci95[0])}, ${pct(a.ci95[1])}]`,
    ...columns().map((metric) => tableCell(metric, row.metrics[metric.name])),
    `${row.failed}/${row.journeys}`,
    vs,
    row.pareto ? '★' : '',
  ];
}

const header = (): string[] => ['Model', 'Accuracy [95 % CI]', ...columns().map(columnHeader), 'Failed', 'vs builtin', 'Pareto'];

export function renderLeaderboardMarkdown(board: Leaderboard): string {
  const lines = [
    '# Agent Hospital leaderboard',
    '',
    `${board.patients} patients, seed ${board.seed}, scenario set ${board.scenarioHash.slice(0, 12)}; each model plays triage, specialist and follow-up; patient and examiner are built-in.`,
    '',
    `| ${header().join(' | ')} |`,
    `| ${header()
      .map((_, i) => (i === 0 ? '---' : '---:'))
      .join(' | ')} |`,
    ...board.rows.map((row) => `| ${cells(row).map(mdCell).join(' | ')} |`),
    '',
    `Accuracy-versus-cost frontier (cost = test cost per case), cheapest first: ${board.frontier.join(' → ') || '—'}.`,
    '',
    'Intervals: Wilson 95 %. "vs builtin": paired difference on the same patients with McNemar’s test.',
  ];
  return lines.join('\n') + '\n';
}

export function renderLeaderboardText(board: Leaderboard): string {
  const rows = [header(), ...board.rows.map(cells)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push('', `Pareto frontier (accuracy vs test cost per case): ${board.frontier.join(' → ') || '—'}`);
  return lines.join('\n') + '\n';
}

export function renderLeaderboardCsv(board: Leaderboard): string {
  const shown = columns();
  const head = [
    'model',
    'run_id',
    'accuracy',
    'ci_low',
    'ci_high',
    'n',
    ...shown.map((metric) => snakeCase(reportKey(metric))),
    'failed',
    'vs_builtin_difference',
    'vs_builtin_p',
    'pareto',
  ];
  const body = board.rows.map((row) =>
    [
      row.model,
      row.runId,
      row.accuracy.value,
      row.accuracy.ci95[0],
      row.accuracy.ci95[1],
      row.accuracy.n,
      ...shown.map((metric) => row.metrics[metric.name]),
      row.failed,
      row.vsBuiltin?.difference ?? '',
      row.vsBuiltin?.pValue ?? '',
      row.pareto ? 1 : 0,
    ]
      .map(csvCell)
      .join(','),
  );
  return [head.join(','), ...body].join('\n') + '\n';
}
