import type { RunRecord, RunStore } from '../environment/records/run-store.js';
import {
  agreementTable,
  confusionPairs,
  correctByTruth,
  correctPerPatient,
  groupJourneyCounts,
  groupedTotals,
  metricTotals,
  metricValues,
  modelUsage,
  type ConfusionPair,
  type GroupColumn,
  type MetricTotals,
} from './report-queries.js';
import { groupKey, reportKey } from './metric-registry.js';
import { Metric, metricsIn } from './scorers.js';
import { bootstrapMean, cohensKappa, passAtK, proportion, type Kappa, type Mean, type Proportion } from './statistics.js';

/** One department or scenario: its journeys and the metrics of the `groups` view (rates with intervals, means as numbers). */
export interface GroupReport {
  journeys: number;
  accuracy: Proportion;
  top3: Proportion;
  triageDepartment: Proportion;
  evidenceRecall: number;
  meanTestCost: number;
  [key: string]: Proportion | number;
}

export interface RepeatsReport {
  samplesPerPatient: number;
  patients: number;
  /** Mean accuracy over every journey, with an interval bootstrapped over patients. */
  meanAccuracy: Mean;
  /** Unbiased pass@k, averaged over patients, for k = 1 … samples. */
  passAtK: Record<string, number>;
  /** Share of patients diagnosed correctly in every sample. */
  allCorrect: number;
}

export interface JudgeReport {
  model: string | null;
  judged: number;
  /** Share of journeys the judge called a match. */
  accuracy: Proportion;
  /** Agreement of the judge with the deterministic match (top1), over every judged journey. */
  kappa: Kappa;
  /** The same on imported free-text cases only. */
  kappaFreeText: Kappa;
  /** Verdicts the judge could not give (a model failure or a reply outside the schema): unscored, not wrong. */
  unscored: number;
  /** Share of rubric points the explanation judge found met (errors subtract), when it was asked. */
  rubric: Mean;
}

export interface ConfusionReport {
  pairs: ConfusionPair[];
  /** Rows: the true diagnoses most often missed; columns: "(correct)" then the answers given instead. */
  matrix: { truths: string[]; answers: string[]; counts: number[][] };
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
    partial: Proportion;
    icd10Category: Proportion;
    nearMiss: Proportion;
    triageDepartment: Proportion;
    triageAcuity: Proportion;
    underTriage: Proportion;
    underTriageRedFlag: Proportion;
    evidenceRecall: Mean;
    grounding: Mean;
    meanTurns: number;
    meanTests: number;
    meanTestCost: number;
    meanTimeToDiagnosis: number;
    turns: Mean;
    tests: Mean;
    testCost: Mean;
    timeToDiagnosis: Mean;
    tokensPerCase: number;
    modelCalls: number;
    cachedCalls: number;
    meanLatencyMs: number;
    unsignedPrescription: Proportion;
    missingDisclaimer: Proportion;
    redFlagNotEscalated: Proportion;
    compliant: Proportion;
    /** Every metric of the `summary` view, under its report key (rates as proportions, means with intervals). */
    [key: string]: Proportion | Mean | number;
  };
  repeatsReport: RepeatsReport | null;
  judge: JudgeReport | null;
  byDepartment: Record<string, GroupReport>;
  byScenario: Record<string, GroupReport>;
  confusion: ConfusionReport;
}

const meanOf = (totals: MetricTotals | undefined): number => (totals && totals.n > 0 ? totals.total / totals.n : Number.NaN);

function groups(store: RunStore, runId: string, column: GroupColumn): Record<string, GroupReport> {
  const shown = metricsIn('groups');
  const totals = groupedTotals(
    store.db,
    runId,
    column,
    shown.map((metric) => metric.name),
  );
  const counts = groupJourneyCounts(store.db, runId, column);
  const result: Record<string, GroupReport> = {};
  for (const [key, journeys] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const group = totals.get(key) ?? new Map<string, MetricTotals>();
    const share = (metric: string): Proportion => proportion(group.get(metric)?.total ?? 0, group.get(metric)?.n ?? 0);
    const entries = shown.map((metric) => [groupKey(metric), metric.kind === 'rate' ? share(metric.name) : meanOf(group.get(metric.name))]);
    result[key] = { journeys, ...Object.fromEntries(entries) } as GroupReport;
  }
  return result;
}

function repeatsReport(store: RunStore, run: RunRecord): RepeatsReport | null {
  if (run.repeats <= 1) return null;
  const perPatient: number[] = [];
  const sums = new Array<number>(run.repeats).fill(0);
  let patients = 0;
  let allCorrect = 0;
  for (const { n, c } of correctPerPatient(store.db, run.id)) {
    if (n === 0) continue;
    patients++;
    perPatient.push(c / n);
    if (c === n) allCorrect++;
    for (let k = 1; k <= run.repeats; k++) if (k <= n) sums[k - 1] += passAtK(n, c, k);
  }
  const passAt: Record<string, number> = {};
  for (let k = 1; k <= run.repeats; k++) passAt[String(k)] = patients > 0 ? sums[k - 1] / patients : Number.NaN;
  return {
    samplesPerPatient: run.repeats,
    patients,
    meanAccuracy: bootstrapMean(perPatient, { seed: run.seed }),
    passAtK: passAt,
    allCorrect: patients > 0 ? allCorrect / patients : Number.NaN,
  };
}

function judgeReport(store: RunStore, run: RunRecord, totals: Map<string, MetricTotals>): JudgeReport | null {
  const judged = totals.get('judgeMatch');
  if (!judged) return null;
  const db = store.db;
  const model = db
    .prepare(`SELECT json_extract(detail, '$.model') FROM scores WHERE run_id = ? AND metric = 'judgeMatch' AND detail IS NOT NULL LIMIT 1`)
    .pluck()
    .get(run.id) as string | undefined;
  const unscored = db
    .prepare(`SELECT COUNT(*) FROM scores WHERE run_id = ? AND metric = 'judgeMatch' AND value IS NULL`)
    .pluck()
    .get(run.id) as number;
  return {
    model: model ?? null,
    judged: judged.n,
    accuracy: proportion(judged.total, judged.n),
    kappa: cohensKappa(...agreementTable(db, run.id, 'judgeMatch', Metric.top1)),
    kappaFreeText: cohensKappa(
      ...agreementTable(db, run.id, 'judgeMatch', Metric.top1, `AND json_extract(j.case_json, '$.freeText') IS NOT NULL`),
    ),
    unscored,
    rubric: bootstrapMean(metricValues(db, run.id, 'rubricJudge'), { seed: run.seed }),
  };
}

function confusionReport(store: RunStore, runId: string, size = 8): ConfusionReport {
  const pairs = confusionPairs(store.db, runId);
  const missed = new Map<string, number>();
  for (const pair of pairs) missed.set(pair.truth, (missed.get(pair.truth) ?? 0) + pair.n);
  const truths = [...missed]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, size)
    .map(([truth]) => truth);
  const answerTotals = new Map<string, number>();
  for (const pair of pairs) if (truths.includes(pair.truth)) answerTotals.set(pair.given, (answerTotals.get(pair.given) ?? 0) + pair.n);
  const answers = [...answerTotals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, size)
    .map(([given]) => given);
  const correct = correctByTruth(store.db, runId, truths);
  const counts = truths.map((truth) => [
    correct.get(truth) ?? 0,
    ...answers.map((given) => pairs.filter((pair) => pair.truth === truth && pair.given === given).reduce((sum, pair) => sum + pair.n, 0)),
  ]);
  return { pairs, matrix: { truths, answers: ['(correct)', ...answers], counts } };
}

/** Aggregate a run in SQL (values streamed only where a bootstrap needs them), never loading its journeys. */
export function buildRunReport(store: RunStore, run: RunRecord): RunReport {
  const db = store.db;
  const counts = db
    .prepare(
      `SELECT COUNT(*) AS journeys, COALESCE(SUM(status = 'completed'), 0) AS completed, COALESCE(SUM(status = 'failed'), 0) AS failed FROM journeys WHERE run_id = ?`,
    )
    .get(run.id) as { journeys: number; completed: number; failed: number };
  const totals = metricTotals(db, run.id);
  const share = (name: string): Proportion => proportion(totals.get(name)?.total ?? 0, totals.get(name)?.n ?? 0);
  const mean = (name: string): Mean => bootstrapMean(metricValues(db, run.id, name), { seed: run.seed });
  const reasons = db
    .prepare(`SELECT reason, COUNT(*) AS n FROM journeys WHERE run_id = ? AND status = 'failed' GROUP BY reason ORDER BY n DESC`)
    .all(run.id) as { reason: string | null; n: number }[];
  const repeats = repeatsReport(store, run);
  const usage = modelUsage(db, run.id);
  // Model usage is read from the events; every other metric of the summary from its scores.
  const fromEvents: Record<string, number> = {
    [Metric.tokens]: counts.journeys > 0 ? (usage.inTokens + usage.outTokens) / counts.journeys : Number.NaN,
    [Metric.modelCalls]: usage.calls,
    [Metric.modelLatencyMs]: usage.meanLatencyMs,
  };
  const summary: Record<string, Proportion | Mean | number> = {};
  for (const metric of metricsIn('summary'))
    summary[reportKey(metric)] =
      metric.name in fromEvents ? fromEvents[metric.name] : metric.kind === 'rate' ? share(metric.name) : mean(metric.name);
  const accuracy = summary.accuracy as Proportion;
  const [turns, tests, testCost, timeToDiagnosis] = [Metric.turns, Metric.tests, Metric.testCost, Metric.timeToDiagnosis].map(
    (name) => summary[name] as Mean,
  );
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
      ...(summary as RunReport['metrics']),
      // With repeats, journeys of one patient are correlated: the interval is bootstrapped over patients.
      accuracy: repeats ? { ...accuracy, ci95: repeats.meanAccuracy.ci95, interval: 'cluster-bootstrap' } : accuracy,
      meanTurns: turns.value,
      meanTests: tests.value,
      meanTestCost: testCost.value,
      meanTimeToDiagnosis: timeToDiagnosis.value,
      tokensPerCase: fromEvents[Metric.tokens],
      modelCalls: usage.calls,
      cachedCalls: usage.cachedCalls,
      meanLatencyMs: usage.meanLatencyMs,
    },
    repeatsReport: repeats,
    judge: judgeReport(store, run, totals),
    byDepartment: groups(store, run.id, 'true_department'),
    byScenario: groups(store, run.id, 'scenario_id'),
    confusion: confusionReport(store, run.id),
  };
}
