import { InputError } from '../domain/errors.js';
import type { HospitalDatabase } from '../environment/records/database.js';
import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import {
  bootstrapMean,
  exactBinomialTwoSided,
  mcnemar,
  pairedDifferenceInterval,
  proportion,
  type McNemarResult,
  type Mean,
  type Proportion,
} from './statistics.js';
import { reportKey } from './metric-registry.js';
import { Metric, metricsIn } from './scorers.js';

export interface RunSide {
  runId: string;
  name: string | null;
  models: Record<string, string>;
  maxTurns: number;
  facility: string;
  repeats: number;
}

export interface PairedProportion {
  a: Proportion;
  b: Proportion;
  /** B − A, with Newcombe's paired interval. */
  difference: number;
  ci95: [number, number];
  table: { both: number; onlyA: number; onlyB: number; neither: number };
  mcnemar: McNemarResult;
}

export interface PairedMean {
  a: number;
  b: number;
  /** Mean of B − A over paired journeys, with a seeded paired bootstrap interval. */
  difference: Mean;
}

export interface Comparison {
  runA: RunSide;
  runB: RunSide;
  scenarioHash: string;
  seed: number;
  paired: number;
  unpairedA: number;
  unpairedB: number;
  configDifferences: Record<string, [unknown, unknown]>;
  /** The rates of the `compare` view, by report key (top-1 is `accuracy`). */
  metrics: Record<string, PairedProportion> & { accuracy: PairedProportion };
  /** The other metrics of the `compare` view, by name. */
  means: Record<string, PairedMean>;
  /** With repeats, journeys of one patient are correlated: the same comparison per patient. */
  perPatient: { patients: number; difference: Mean; better: number; worse: number; signTestP: number } | null;
  byDepartment: Record<string, { paired: number; a: number; b: number; difference: number }>;
  notes: string[];
}

const side = (run: RunRecord): RunSide => ({
  runId: run.id,
  name: run.name,
  models: run.config.models,
  maxTurns: run.config.maxTurns,
  facility: run.config.facility,
  repeats: run.repeats,
});

/** Refuse, in one line, to pair runs whose patients differ. */
function checkSamePatients(db: HospitalDatabase, a: RunRecord, b: RunRecord): void {
  const where = `compare ${a.id} ${b.id}`;
  const refuse = (reason: string): never => {
    throw new InputError(
      where,
      'patients',
      `the runs must draw the same patients (same scenario set and seed) to be paired, but ${reason}`,
    );
  };
  if (a.scenarioHash !== b.scenarioHash)
    refuse(`their scenario sets differ (hash ${a.scenarioHash.slice(0, 12)} vs ${b.scenarioHash.slice(0, 12)})`);
  if (a.seed !== b.seed) refuse(`their seeds differ (${a.seed} vs ${b.seed})`);
  if ((a.config.population ?? null) !== (b.config.population ?? null))
    refuse(`their populations differ (${a.config.population ?? 'none'} vs ${b.config.population ?? 'none'})`);
  const mismatch = db
    .prepare(
      'SELECT a.idx AS idx, a.case_id AS caseA, b.case_id AS caseB FROM journeys a JOIN journeys b ON b.run_id = ? AND b.idx = a.idx AND b.sample = a.sample WHERE a.run_id = ? AND a.case_id <> b.case_id LIMIT 1',
    )
    .get(b.id, a.id) as { idx: number; caseA: string; caseB: string } | undefined;
  if (mismatch) refuse(`patient slot ${mismatch.idx} holds case ${mismatch.caseA} in one and ${mismatch.caseB} in the other`);
}

function pairedProportion(db: HospitalDatabase, a: string, b: string, metric: string): PairedProportion {
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(x.value = 1 AND y.value = 1), 0) AS both, COALESCE(SUM(x.value = 1 AND y.value = 0), 0) AS onlyA,
              COALESCE(SUM(x.value = 0 AND y.value = 1), 0) AS onlyB, COALESCE(SUM(x.value = 0 AND y.value = 0), 0) AS neither
       FROM scores x JOIN scores y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample AND y.metric = x.metric
       WHERE x.run_id = ? AND x.metric = ? AND x.value IS NOT NULL AND y.value IS NOT NULL`,
    )
    .get(b, a, metric) as { both: number; onlyA: number; onlyB: number; neither: number };
  const n = row.both + row.onlyA + row.onlyB + row.neither;
  return {
    a: proportion(row.both + row.onlyA, n),
    b: proportion(row.both + row.onlyB, n),
    difference: n > 0 ? (row.onlyB - row.onlyA) / n : Number.NaN,
    ci95: pairedDifferenceInterval(row.both, row.onlyA, row.onlyB, row.neither),
    table: row,
    mcnemar: mcnemar(row.onlyA, row.onlyB),
  };
}

function pairedMean(db: HospitalDatabase, a: string, b: string, metric: string, seed: number): PairedMean {
  const count = db
    .prepare(
      'SELECT COUNT(*) FROM scores x JOIN scores y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample AND y.metric = x.metric WHERE x.run_id = ? AND x.metric = ? AND x.value IS NOT NULL AND y.value IS NOT NULL',
    )
    .pluck()
    .get(b, a, metric) as number;
  const differences = new Float64Array(count);
  let sumA = 0;
  let sumB = 0;
  let i = 0;
  const rows = db
    .prepare(
      'SELECT x.value AS va, y.value AS vb FROM scores x JOIN scores y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample AND y.metric = x.metric WHERE x.run_id = ? AND x.metric = ? AND x.value IS NOT NULL AND y.value IS NOT NULL ORDER BY x.idx, x.sample',
    )
    .iterate(b, a, metric) as IterableIterator<{ va: number; vb: number }>;
  for (const row of rows) {
    differences[i++] = row.vb - row.va;
    sumA += row.va;
    sumB += row.vb;
  }
  return {
    a: count > 0 ? sumA / count : Number.NaN,
    b: count > 0 ? sumB / count : Number.NaN,
    difference: bootstrapMean(differences, { seed }),
  };
}

function perPatient(db: HospitalDatabase, a: string, b: string, seed: number): Comparison['perPatient'] {
  const rows = db
    .prepare(
      `SELECT x.idx, AVG(x.value) AS ma, AVG(y.value) AS mb FROM scores x JOIN scores y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample AND y.metric = x.metric
       WHERE x.run_id = ? AND x.metric = ? AND x.value IS NOT NULL AND y.value IS NOT NULL GROUP BY x.idx ORDER BY x.idx`,
    )
    .all(b, a, Metric.top1) as { idx: number; ma: number; mb: number }[];
  const differences = rows.map((row) => row.mb - row.ma);
  const better = differences.filter((d) => d > 0).length;
  const worse = differences.filter((d) => d < 0).length;
  return {
    patients: rows.length,
    difference: bootstrapMean(differences, { seed }),
    better,
    worse,
    signTestP: exactBinomialTwoSided(better, better + worse),
  };
}

function byDepartment(db: HospitalDatabase, a: string, b: string): Comparison['byDepartment'] {
  const rows = db
    .prepare(
      `SELECT j.true_department AS key, COUNT(*) AS n, SUM(x.value) AS sa, SUM(y.value) AS sb
       FROM scores x JOIN scores y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample AND y.metric = x.metric
       JOIN journeys j ON j.run_id = x.run_id AND j.idx = x.idx AND j.sample = x.sample
       WHERE x.run_id = ? AND x.metric = ? AND x.value IS NOT NULL AND y.value IS NOT NULL GROUP BY j.true_department ORDER BY j.true_department`,
    )
    .all(b, a, Metric.top1) as { key: string; n: number; sa: number; sb: number }[];
  return Object.fromEntries(
    rows.map((row) => [row.key, { paired: row.n, a: row.sa / row.n, b: row.sb / row.n, difference: (row.sb - row.sa) / row.n }]),
  );
}

function configDifferences(a: RunRecord, b: RunRecord): Record<string, [unknown, unknown]> {
  const ignore = new Set(['name', 'concurrency', 'patients', 'scenarios']);
  const keys = new Set([...Object.keys(a.config), ...Object.keys(b.config)]);
  const differences: Record<string, [unknown, unknown]> = {};
  for (const key of [...keys].sort()) {
    if (ignore.has(key)) continue;
    const va = a.config[key];
    const vb = b.config[key];
    if (JSON.stringify(va) !== JSON.stringify(vb)) differences[key] = [va ?? null, vb ?? null];
  }
  return differences;
}

/**
 * Pair the journeys of two runs on the same patients (same scenario set and seed, so the same
 * case in every slot) and compare them: differences with paired intervals, McNemar's test on the
 * discordant pairs, all aggregated in SQL.
 */
export function compareRuns(store: RunStore, a: RunRecord, b: RunRecord): Comparison {
  const db = store.db;
  checkSamePatients(db, a, b);
  const counts = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM journeys x JOIN journeys y ON y.run_id = ? AND y.idx = x.idx AND y.sample = x.sample WHERE x.run_id = ?) AS paired,
              (SELECT COUNT(*) FROM journeys WHERE run_id = ?) AS na, (SELECT COUNT(*) FROM journeys WHERE run_id = ?) AS nb`,
    )
    .get(b.id, a.id, a.id, b.id) as { paired: number; na: number; nb: number };
  if (counts.paired === 0)
    throw new InputError(
      `compare ${a.id} ${b.id}`,
      'journeys',
      'journeys in the same patient slots of both runs (none are recorded in both yet)',
    );
  const notes: string[] = [];
  if (counts.na !== counts.paired || counts.nb !== counts.paired)
    notes.push(`Only the ${counts.paired} patient slots recorded in both runs are compared (A has ${counts.na}, B has ${counts.nb}).`);
  const repeats = Math.max(a.repeats, b.repeats) > 1;
  if (repeats)
    notes.push(
      'With repeats, journeys of one patient are correlated; McNemar treats them as independent pairs, so read the per-patient comparison too.',
    );
  const seed = a.seed;
  const rates = metricsIn('compare').filter((metric) => metric.kind === 'rate');
  const means = metricsIn('compare').filter((metric) => metric.kind !== 'rate');
  return {
    runA: side(a),
    runB: side(b),
    scenarioHash: a.scenarioHash,
    seed: a.seed,
    paired: counts.paired,
    unpairedA: counts.na - counts.paired,
    unpairedB: counts.nb - counts.paired,
    configDifferences: configDifferences(a, b),
    metrics: Object.fromEntries(
      rates.map((metric) => [reportKey(metric), pairedProportion(db, a.id, b.id, metric.name)]),
    ) as Comparison['metrics'],
    means: Object.fromEntries(means.map((metric) => [metric.name, pairedMean(db, a.id, b.id, metric.name, seed)])),
    perPatient: repeats ? perPatient(db, a.id, b.id, seed) : null,
    byDepartment: byDepartment(db, a.id, b.id),
    notes,
  };
}
