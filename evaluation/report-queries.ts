import { recordedMetrics as Metric } from '../domain/score.js';
import type { HospitalDatabase } from '../environment/records/database.js';

/** Count, sum and NaN-free values of a metric, read in SQL; values only when a bootstrap needs them. */
export interface MetricTotals {
  n: number;
  total: number;
}

export function metricTotals(db: HospitalDatabase, runId: string): Map<string, MetricTotals> {
  const rows = db
    .prepare('SELECT metric, COUNT(value) AS n, COALESCE(SUM(value), 0) AS total FROM scores WHERE run_id = ? GROUP BY metric')
    .all(runId) as ({ metric: string } & MetricTotals)[];
  return new Map(rows.map((row) => [row.metric, { n: row.n, total: row.total }]));
}

/** The scored values of one metric, as a compact array (8 bytes a journey), streamed from SQLite. */
export function metricValues(db: HospitalDatabase, runId: string, metric: string): Float64Array {
  const count = db.prepare('SELECT COUNT(value) FROM scores WHERE run_id = ? AND metric = ?').pluck().get(runId, metric) as number;
  const values = new Float64Array(count);
  let i = 0;
  const rows = db
    .prepare('SELECT value FROM scores WHERE run_id = ? AND metric = ? AND value IS NOT NULL ORDER BY idx, sample')
    .pluck()
    .iterate(runId, metric) as IterableIterator<number>;
  for (const value of rows) values[i++] = value;
  return values;
}

export type GroupColumn = 'true_department' | 'scenario_id';

/** Per group (department or scenario) and metric: count and sum of the scored values. */
export function groupedTotals(
  db: HospitalDatabase,
  runId: string,
  column: GroupColumn,
  metrics: readonly string[],
): Map<string, Map<string, MetricTotals> & { journeys?: number }> {
  const placeholders = metrics.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT j.${column} AS key, s.metric AS metric, COUNT(s.value) AS n, COALESCE(SUM(s.value), 0) AS total
       FROM scores s JOIN journeys j ON j.run_id = s.run_id AND j.idx = s.idx AND j.sample = s.sample
       WHERE s.run_id = ? AND s.metric IN (${placeholders}) GROUP BY j.${column}, s.metric ORDER BY j.${column}`,
    )
    .all(runId, ...metrics) as { key: string; metric: string; n: number; total: number }[];
  const groups = new Map<string, Map<string, MetricTotals>>();
  for (const row of rows) {
    let group = groups.get(row.key);
    if (!group) groups.set(row.key, (group = new Map()));
    group.set(row.metric, { n: row.n, total: row.total });
  }
  return groups;
}

export function groupJourneyCounts(db: HospitalDatabase, runId: string, column: GroupColumn): Map<string, number> {
  const rows = db.prepare(`SELECT ${column} AS key, COUNT(*) AS n FROM journeys WHERE run_id = ? GROUP BY ${column}`).all(runId) as {
    key: string;
    n: number;
  }[];
  return new Map(rows.map((row) => [row.key, row.n]));
}

/** Two binary metrics on the same journeys, as a 2×2 table (both 1, first only, second only, both 0). */
export function agreementTable(
  db: HospitalDatabase,
  runId: string,
  first: string,
  second: string,
  where = '',
): [number, number, number, number] {
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(a.value = 1 AND b.value = 1), 0) AS both, COALESCE(SUM(a.value = 1 AND b.value = 0), 0) AS first,
              COALESCE(SUM(a.value = 0 AND b.value = 1), 0) AS second, COALESCE(SUM(a.value = 0 AND b.value = 0), 0) AS neither
       FROM scores a JOIN scores b ON b.run_id = a.run_id AND b.idx = a.idx AND b.sample = a.sample AND b.metric = ?
       JOIN journeys j ON j.run_id = a.run_id AND j.idx = a.idx AND j.sample = a.sample
       WHERE a.run_id = ? AND a.metric = ? AND a.value IS NOT NULL AND b.value IS NOT NULL ${where}`,
    )
    .get(second, runId, first) as { both: number; first: number; second: number; neither: number };
  return [row.both, row.first, row.second, row.neither];
}

/** Model calls behind the run's events: tokens and the mean latency of calls not served from the cache. */
export function modelUsage(
  db: HospitalDatabase,
  runId: string,
): { calls: number; cachedCalls: number; inTokens: number; outTokens: number; meanLatencyMs: number } {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS calls, COALESCE(SUM(cached = 1), 0) AS cachedCalls, COALESCE(SUM(in_tokens), 0) AS inTokens,
              COALESCE(SUM(out_tokens), 0) AS outTokens, AVG(CASE WHEN cached = 0 THEN latency_ms END) AS meanLatencyMs
       FROM events WHERE run_id = ? AND model IS NOT NULL`,
    )
    .get(runId) as { calls: number; cachedCalls: number; inTokens: number; outTokens: number; meanLatencyMs: number | null };
  return { ...row, meanLatencyMs: row.meanLatencyMs ?? Number.NaN };
}

export interface ConfusionPair {
  truth: string;
  given: string;
  n: number;
}

/** The most frequent (truth, wrong answer) pairs, answers compared case-insensitively. */
export function confusionPairs(db: HospitalDatabase, runId: string, limit = 40): ConfusionPair[] {
  return db
    .prepare(
      `SELECT json_extract(j.case_json, '$.truth.diagnosis') AS truth, COALESCE(MIN(j.diagnosis), '(no diagnosis)') AS given, COUNT(*) AS n
       FROM journeys j JOIN scores s ON s.run_id = j.run_id AND s.idx = j.idx AND s.sample = j.sample AND s.metric = ?
       WHERE j.run_id = ? AND s.value = 0
       GROUP BY truth, LOWER(TRIM(COALESCE(j.diagnosis, ''))) ORDER BY n DESC, truth LIMIT ?`,
    )
    .all(Metric.top1, runId, limit) as ConfusionPair[];
}

/** Correct answers per true diagnosis, for the diagonal of the confusion plot. */
export function correctByTruth(db: HospitalDatabase, runId: string, truths: readonly string[]): Map<string, number> {
  if (truths.length === 0) return new Map();
  const rows = db
    .prepare(
      `SELECT json_extract(j.case_json, '$.truth.diagnosis') AS truth, COUNT(*) AS n
       FROM journeys j JOIN scores s ON s.run_id = j.run_id AND s.idx = j.idx AND s.sample = j.sample AND s.metric = ?
       WHERE j.run_id = ? AND s.value = 1 AND json_extract(j.case_json, '$.truth.diagnosis') IN (${truths.map(() => '?').join(', ')})
       GROUP BY truth`,
    )
    .all(Metric.top1, runId, ...truths) as { truth: string; n: number }[];
  return new Map(rows.map((row) => [row.truth, row.n]));
}

/** Per patient (slot index): samples and correct samples, streamed; what pass@k is computed from. */
export function* correctPerPatient(db: HospitalDatabase, runId: string): Generator<{ idx: number; n: number; c: number }> {
  yield* db
    .prepare(
      `SELECT idx, COUNT(value) AS n, COALESCE(SUM(value), 0) AS c FROM scores WHERE run_id = ? AND metric = ? GROUP BY idx ORDER BY idx`,
    )
    .iterate(runId, Metric.top1) as IterableIterator<{ idx: number; n: number; c: number }>;
}

export interface JourneyTableRow {
  idx: number;
  sample: number;
  scenario_id: string;
  true_department: string;
  department: string | null;
  diagnosis: string | null;
  truth: string;
  correct: number | null;
  turns: number;
  tests: number;
  test_cost: number;
  status: string;
  reason: string | null;
}

/** The first `limit` journeys in slot order, without their large JSON columns. */
export function* journeyTable(db: HospitalDatabase, runId: string, limit: number): Generator<JourneyTableRow> {
  yield* db
    .prepare(
      `SELECT idx, sample, scenario_id, true_department, department, diagnosis, json_extract(case_json, '$.truth.diagnosis') AS truth,
              correct, turns, tests, test_cost, status, reason
       FROM journeys WHERE run_id = ? ORDER BY idx, sample LIMIT ?`,
    )
    .iterate(runId, limit) as IterableIterator<JourneyTableRow>;
}
