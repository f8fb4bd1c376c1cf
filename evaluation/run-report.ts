import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import { proportion, type Proportion } from './statistics.js';

export interface GroupReport {
  journeys: number;
  accuracy: Proportion;
}

/** The aggregate report of one run: what `hospital report` prints in every format. */
export interface RunReport {
  runId: string;
  name: string | null;
  createdAt: string;
  status: string;
  seed: number;
  patients: number;
  repeats: number;
  config: RunRecord['config'];
  journeys: number;
  completed: number;
  failed: number;
  failureReasons: Record<string, number>;
  metrics: {
    accuracy: Proportion;
    top3: Proportion;
    icd10Category: Proportion;
    triageDepartment: Proportion;
    triageAcuity: Proportion;
    meanTurns: number;
    meanTests: number;
    meanTestCost: number;
    meanTimeToDiagnosis: number;
  };
  byDepartment: Record<string, GroupReport>;
  byScenario: Record<string, GroupReport>;
}

interface MetricRow {
  metric: string;
  n: number;
  total: number;
}

/** Aggregate a run in SQL, so a run of any size is reported without loading its journeys. */
export function buildRunReport(store: RunStore, run: RunRecord): RunReport {
  const db = store.db;
  const counts = db
    .prepare(`SELECT COUNT(*) AS journeys, COALESCE(SUM(status = 'completed'), 0) AS completed, COALESCE(SUM(status = 'failed'), 0) AS failed FROM journeys WHERE run_id = ?`)
    .get(run.id) as { journeys: number; completed: number; failed: number };
  const metricRows = db
    .prepare('SELECT metric, COUNT(value) AS n, COALESCE(SUM(value), 0) AS total FROM scores WHERE run_id = ? GROUP BY metric')
    .all(run.id) as MetricRow[];
  const metric = new Map(metricRows.map((row) => [row.metric, row]));
  const share = (name: string): Proportion => proportion(metric.get(name)?.total ?? 0, metric.get(name)?.n ?? 0);
  const mean = (name: string): number => {
    const row = metric.get(name);
    return row && row.n > 0 ? row.total / row.n : Number.NaN;
  };
  const reasons = db
    .prepare(`SELECT reason, COUNT(*) AS n FROM journeys WHERE run_id = ? AND status = 'failed' GROUP BY reason ORDER BY n DESC`)
    .all(run.id) as { reason: string | null; n: number }[];
  const group = (column: 'true_department' | 'scenario_id'): Record<string, GroupReport> => {
    const rows = db
      .prepare(`SELECT ${column} AS key, COUNT(*) AS n, COALESCE(SUM(correct = 1), 0) AS correct FROM journeys WHERE run_id = ? GROUP BY ${column} ORDER BY ${column}`)
      .all(run.id) as { key: string; n: number; correct: number }[];
    return Object.fromEntries(rows.map((row) => [row.key, { journeys: row.n, accuracy: proportion(row.correct, row.n) }]));
  };
  return {
    runId: run.id,
    name: run.name,
    createdAt: run.createdAt,
    status: run.status,
    seed: run.seed,
    patients: run.patients,
    repeats: run.repeats,
    config: run.config,
    journeys: counts.journeys,
    completed: counts.completed,
    failed: counts.failed,
    failureReasons: Object.fromEntries(reasons.map((row) => [row.reason ?? 'unknown', row.n])),
    metrics: {
      accuracy: share('top1'),
      top3: share('top3'),
      icd10Category: share('icd10Category'),
      triageDepartment: share('triageDepartment'),
      triageAcuity: share('triageAcuity'),
      meanTurns: mean('turns'),
      meanTests: mean('tests'),
      meanTestCost: mean('testCost'),
      meanTimeToDiagnosis: mean('timeToDiagnosis'),
    },
    byDepartment: group('true_department'),
    byScenario: group('scenario_id'),
  };
}
