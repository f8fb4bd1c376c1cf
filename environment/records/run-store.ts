import { recordedMetrics } from '../../domain/score.js';
import { randomBytes } from 'node:crypto';
import type { Score } from '../../domain/score.js';
import type { PatientCase } from '../../domain/patient-case.js';
import { NotFoundError } from '../../domain/errors.js';
import type { JourneyEvent, JourneyResult } from '../../domain/journey.js';
import type { HospitalDatabase } from './database.js';

/** Everything that decides what a run does; stored as JSON with the run. */
export interface RunConfig {
  name?: string;
  scenarios: string[];
  scenarioHash: string;
  scenarioCount: number;
  seed: number;
  patients: number;
  repeats: number;
  concurrency: number;
  maxTurns: number;
  maxReferrals: number;
  facility: 'village' | 'county' | 'tertiary';
  population?: string;
  /** Model spec per role (`builtin`, `ollama:…`, `openai:…#…`); never holds a key. */
  models: Record<string, string>;
  [extra: string]: unknown;
}

export type RunStatus = 'running' | 'completed' | 'interrupted';

export interface RunRecord {
  id: string;
  name: string | null;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  seed: number;
  patients: number;
  repeats: number;
  scenarioHash: string;
  config: RunConfig;
}

export interface RunSummaryRow extends RunRecord {
  journeys: number;
  completed: number;
  failed: number;
  correct: number;
}

/** One journey row, as stored (JSON columns left as text until asked for). */
export interface JourneyRow {
  run_id: string;
  idx: number;
  sample: number;
  case_id: string;
  scenario_id: string;
  status: 'completed' | 'failed';
  reason: string | null;
  true_department: string;
  department: string | null;
  acuity: number | null;
  diagnosis: string | null;
  correct: number | null;
  turns: number;
  tests: number;
  test_cost: number;
  sim_minutes: number;
  case_json: string;
  report_json: string | null;
  follow_up_json: string | null;
  created_at: string;
}

interface EventRow {
  seq: number;
  t: number;
  stage: string;
  actor: string;
  type: string;
  text: string;
  data: string | null;
  fact_ids: string | null;
  model: string | null;
  in_tokens: number | null;
  out_tokens: number | null;
  latency_ms: number | null;
  cached: number | null;
}

interface RunRow {
  id: string;
  name: string | null;
  created_at: string;
  finished_at: string | null;
  status: RunStatus;
  seed: number;
  patients: number;
  repeats: number;
  scenario_hash: string;
  config: string;
}

const toRunRecord = (row: RunRow): RunRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  finishedAt: row.finished_at,
  status: row.status,
  seed: row.seed,
  patients: row.patients,
  repeats: row.repeats,
  scenarioHash: row.scenario_hash,
  config: JSON.parse(row.config) as RunConfig,
});

export function eventFromRow(row: EventRow): JourneyEvent {
  // Rows hold what the engine wrote: each type's data as its schema in domain/journey.ts says.
  const event: Partial<Record<keyof JourneyEvent, unknown>> & { usage?: JourneyEvent['usage']; factIds?: string[] } = {
    seq: row.seq,
    t: row.t,
    stage: row.stage,
    actor: row.actor,
    type: row.type,
    text: row.text,
  };
  if (row.data) event.data = JSON.parse(row.data);
  if (row.fact_ids) event.factIds = JSON.parse(row.fact_ids) as string[];
  if (row.model) {
    event.usage = {
      model: row.model,
      inTokens: row.in_tokens ?? 0,
      outTokens: row.out_tokens ?? 0,
      latencyMs: row.latency_ms ?? 0,
      cached: row.cached === 1,
    };
  }
  return event as JourneyEvent;
}

/** A new run id: time-ordered and unique, e.g. "r20261122-2051-3fa9c1". */
function newRunId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `r${stamp}-${randomBytes(3).toString('hex')}`;
}

/** The hospital's records: runs, journeys with their events and scores. */
export class RunStore {
  readonly db: HospitalDatabase;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly saveTransaction: (
    runId: string,
    sample: number,
    journey: JourneyResult,
    patient: PatientCase,
    scores: Score[],
    createdAt: string,
  ) => void;

  constructor(db: HospitalDatabase) {
    this.db = db;
    this.statements = prepareStatements(db);
    this.saveTransaction = db.transaction(this.writeJourney.bind(this));
  }

  createRun(config: RunConfig, now = new Date()): RunRecord {
    const id = newRunId(now);
    this.db
      .prepare(
        `INSERT INTO runs (id, name, created_at, status, seed, patients, repeats, scenario_hash, config) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        config.name ?? null,
        now.toISOString(),
        config.seed,
        config.patients,
        config.repeats,
        config.scenarioHash,
        JSON.stringify(config),
      );
    return this.getRun(id);
  }

  getRun(id: string): RunRecord {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) throw new NotFoundError(`no run "${id}" in this records file (see "hospital runs")`);
    return toRunRecord(row);
  }

  /** A run by id, unique id prefix, name, or `latest`. */
  resolveRun(ref: string): RunRecord {
    if (ref === 'latest') {
      const row = this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as RunRow | undefined;
      if (!row) throw new NotFoundError('no runs in this records file yet (start one with "hospital run")');
      return toRunRecord(row);
    }
    const exact = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(ref) as RunRow | undefined;
    if (exact) return toRunRecord(exact);
    const matches = this.db
      .prepare('SELECT * FROM runs WHERE id LIKE ? OR name = ? ORDER BY created_at DESC')
      .all(`${ref}%`, ref) as RunRow[];
    if (matches.length === 1) return toRunRecord(matches[0]);
    if (matches.length > 1) throw new NotFoundError(`"${ref}" matches ${matches.length} runs; give more of the id`);
    throw new NotFoundError(`no run "${ref}" in this records file (see "hospital runs")`);
  }

  listRuns(): RunSummaryRow[] {
    const rows = this.db
      .prepare(
        `SELECT r.*, COUNT(j.idx) AS journeys,
                COALESCE(SUM(j.status = 'completed'), 0) AS completed,
                COALESCE(SUM(j.status = 'failed'), 0) AS failed,
                COALESCE(SUM(j.correct = 1), 0) AS correct
         FROM runs r LEFT JOIN journeys j ON j.run_id = r.id
         GROUP BY r.id ORDER BY r.created_at, r.rowid`,
      )
      .all() as (RunRow & { journeys: number; completed: number; failed: number; correct: number })[];
    return rows.map((row) => ({
      ...toRunRecord(row),
      journeys: row.journeys,
      completed: row.completed,
      failed: row.failed,
      correct: row.correct,
    }));
  }

  setStatus(runId: string, status: RunStatus, now = new Date()): void {
    this.db
      .prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?')
      .run(status, status === 'running' ? null : now.toISOString(), runId);
  }

  /** Slots (`idx:sample`) with a completed journey: what --resume skips. */
  completedSlots(runId: string): Set<string> {
    const rows = this.db.prepare(`SELECT idx, sample FROM journeys WHERE run_id = ? AND status = 'completed'`).all(runId) as {
      idx: number;
      sample: number;
    }[];
    return new Set(rows.map((row) => `${row.idx}:${row.sample}`));
  }

  /**
   * Record one finished journey with its events and scores in a single transaction; a failed
   * journey recorded earlier for the same slot is replaced.
   */
  saveJourney(runId: string, sample: number, journey: JourneyResult, patient: PatientCase, scores: Score[], now = new Date()): void {
    this.saveTransaction(runId, sample, journey, patient, scores, now.toISOString());
  }

  private writeJourney(
    runId: string,
    sample: number,
    journey: JourneyResult,
    patient: PatientCase,
    scores: Score[],
    createdAt: string,
  ): void {
    {
      const slot = [runId, journey.index, sample] as const;
      this.statements.deleteJourney.run(...slot);
      // The summary columns are copies of the journey's scores, so the records never grade anything.
      const metric = (name: string): number | null => {
        const value = scores.find((score) => score.metric === name)?.value;
        return value === undefined || Number.isNaN(value) ? null : value;
      };
      this.statements.insertJourney.run(
        ...slot,
        journey.caseId,
        journey.scenarioId,
        journey.status,
        journey.reason ?? null,
        patient.truth.department,
        journey.department ?? null,
        journey.acuity ?? null,
        journey.report?.diagnosis ?? null,
        metric(recordedMetrics.top1),
        metric(recordedMetrics.turns) ?? 0,
        metric(recordedMetrics.tests) ?? 0,
        metric(recordedMetrics.testCost) ?? 0,
        journey.events.at(-1)?.t ?? 0,
        JSON.stringify(patient),
        journey.report ? JSON.stringify(journey.report) : null,
        journey.followUp ? JSON.stringify(journey.followUp) : null,
        createdAt,
      );
      for (const event of journey.events) {
        this.statements.insertEvent.run(
          ...slot,
          event.seq,
          event.t,
          event.stage,
          event.actor,
          event.type,
          event.text,
          event.data ? JSON.stringify(event.data) : null,
          event.factIds && event.factIds.length > 0 ? JSON.stringify(event.factIds) : null,
          event.usage?.model ?? null,
          event.usage?.inTokens ?? null,
          event.usage?.outTokens ?? null,
          event.usage?.latencyMs ?? null,
          event.usage ? (event.usage.cached ? 1 : 0) : null,
        );
      }
      for (const score of scores) {
        this.statements.insertScore.run(
          ...slot,
          score.metric,
          Number.isNaN(score.value) ? null : score.value,
          score.detail ? JSON.stringify(score.detail) : null,
        );
      }
    }
  }

  /** Run-level figures (doctor utilisation, …), replaced when recomputed. */
  setRunMetric(runId: string, metric: string, value: number, detail?: Record<string, unknown>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO run_metrics (run_id, metric, value, detail) VALUES (?, ?, ?, ?)')
      .run(runId, metric, Number.isNaN(value) ? null : value, detail ? JSON.stringify(detail) : null);
  }

  runMetrics(runId: string): Score[] {
    const rows = this.db.prepare('SELECT metric, value, detail FROM run_metrics WHERE run_id = ? ORDER BY metric').all(runId) as {
      metric: string;
      value: number | null;
      detail: string | null;
    }[];
    return rows.map((row) => ({
      metric: row.metric,
      value: row.value ?? Number.NaN,
      ...(row.detail ? { detail: JSON.parse(row.detail) as Record<string, unknown> } : {}),
    }));
  }

  /** Add or replace scores of a recorded journey (computed after the batch: patient flow, the judge). */
  addScores(runId: string, idx: number, sample: number, scores: Score[]): void {
    const upsert = this.db.prepare('INSERT OR REPLACE INTO scores (run_id, idx, sample, metric, value, detail) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const score of scores)
        upsert.run(
          runId,
          idx,
          sample,
          score.metric,
          Number.isNaN(score.value) ? null : score.value,
          score.detail ? JSON.stringify(score.detail) : null,
        );
    })();
  }

  /** Journeys of a run in slot order, read lazily so a large run is never held in memory. */
  *journeys(runId: string, where: { status?: 'completed' | 'failed' } = {}): IterableIterator<JourneyRow> {
    const sql = `SELECT * FROM journeys WHERE run_id = ?${where.status ? ' AND status = ?' : ''} ORDER BY idx, sample`;
    const params = where.status ? [runId, where.status] : [runId];
    yield* this.db.prepare(sql).iterate(...params) as IterableIterator<JourneyRow>;
  }

  countJourneys(runId: string): number {
    return this.db.prepare('SELECT COUNT(*) FROM journeys WHERE run_id = ?').pluck().get(runId) as number;
  }

  journeyAt(runId: string, position: number): JourneyRow | undefined {
    return this.db.prepare('SELECT * FROM journeys WHERE run_id = ? ORDER BY idx, sample LIMIT 1 OFFSET ?').get(runId, position) as
      JourneyRow | undefined;
  }

  journey(runId: string, idx: number, sample = 0): JourneyRow | undefined {
    return this.db.prepare('SELECT * FROM journeys WHERE run_id = ? AND idx = ? AND sample = ?').get(runId, idx, sample) as
      JourneyRow | undefined;
  }

  events(runId: string, idx: number, sample = 0): JourneyEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE run_id = ? AND idx = ? AND sample = ? ORDER BY seq')
      .all(runId, idx, sample) as EventRow[];
    return rows.map(eventFromRow);
  }

  scores(runId: string, idx: number, sample = 0): Score[] {
    const rows = this.db
      .prepare('SELECT metric, value, detail FROM scores WHERE run_id = ? AND idx = ? AND sample = ? ORDER BY metric')
      .all(runId, idx, sample) as { metric: string; value: number | null; detail: string | null }[];
    return rows.map((row) => ({
      metric: row.metric,
      value: row.value ?? Number.NaN,
      ...(row.detail ? { detail: JSON.parse(row.detail) as Record<string, unknown> } : {}),
    }));
  }
}

function prepareStatements(db: HospitalDatabase) {
  return {
    deleteJourney: db.prepare('DELETE FROM journeys WHERE run_id = ? AND idx = ? AND sample = ?'),
    insertJourney: db.prepare(
      `INSERT INTO journeys (run_id, idx, sample, case_id, scenario_id, status, reason, true_department, department, acuity, diagnosis, correct,
                             turns, tests, test_cost, sim_minutes, case_json, report_json, follow_up_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (run_id, idx, sample, seq, t, stage, actor, type, text, data, fact_ids, model, in_tokens, out_tokens, latency_ms, cached)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertScore: db.prepare('INSERT INTO scores (run_id, idx, sample, metric, value, detail) VALUES (?, ?, ?, ?, ?, ?)'),
  };
}
