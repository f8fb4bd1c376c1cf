import type { Score } from '../../domain/score.js';
import type { PatientCase } from '../../domain/patient-case.js';
import type { DiagnosisReport, FollowUpOutcome, JourneyEvent } from '../../domain/journey.js';
import type { HospitalDatabase } from './database.js';
import type { RunStore } from './run-store.js';

/**
 * The journey browser's reads: filtered, searched and paged lists of a run's journeys, and one
 * journey in full. Every query is bounded (a page, a count, one journey), so browsing a run of
 * any size holds only what is on screen.
 */

export interface JourneyFilter {
  /** Only journeys whose diagnosis was not correct (failed ones included). */
  wrongOnly?: boolean;
  department?: string;
  scenario?: string;
  /** Case-insensitive substring of the diagnosis, true diagnosis, scenario, case id or failure reason. */
  search?: string;
}

/** One line of the journey list: only the columns the list shows. */
export interface JourneyListItem {
  idx: number;
  sample: number;
  caseId: string;
  scenarioId: string;
  status: 'completed' | 'failed';
  reason: string | null;
  department: string | null;
  trueDepartment: string;
  diagnosis: string | null;
  trueDiagnosis: string | null;
  /** 1 correct, 0 wrong, null unscored. */
  correct: number | null;
  turns: number;
  tests: number;
  testCost: number;
  simMinutes: number;
}

export interface RunTotals {
  journeys: number;
  completed: number;
  failed: number;
  correct: number;
}

interface ListRow {
  idx: number;
  sample: number;
  case_id: string;
  scenario_id: string;
  status: 'completed' | 'failed';
  reason: string | null;
  department: string | null;
  true_department: string;
  diagnosis: string | null;
  true_diagnosis: string | null;
  correct: number | null;
  turns: number;
  tests: number;
  test_cost: number;
  sim_minutes: number;
}

const listColumns = `idx, sample, case_id, scenario_id, status, reason, department, true_department, diagnosis,
  json_extract(case_json, '$.truth.diagnosis') AS true_diagnosis, correct, turns, tests, test_cost, sim_minutes`;

function whereClause(runId: string, filter: JourneyFilter): { sql: string; params: (string | number)[] } {
  const parts = ['run_id = ?'];
  const params: (string | number)[] = [runId];
  if (filter.wrongOnly) parts.push('(correct IS NULL OR correct <> 1)');
  if (filter.department) {
    parts.push('department = ?');
    params.push(filter.department);
  }
  if (filter.scenario) {
    parts.push('scenario_id = ?');
    params.push(filter.scenario);
  }
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      `(diagnosis LIKE ? ESCAPE '\\' OR scenario_id LIKE ? ESCAPE '\\' OR case_id LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\'
        OR json_extract(case_json, '$.truth.diagnosis') LIKE ? ESCAPE '\\' OR CAST(idx AS TEXT) = ?)`,
    );
    params.push(like, like, like, like, like, search);
  }
  return { sql: parts.join(' AND '), params };
}

const toListItem = (row: ListRow): JourneyListItem => ({
  idx: row.idx,
  sample: row.sample,
  caseId: row.case_id,
  scenarioId: row.scenario_id,
  status: row.status,
  reason: row.reason,
  department: row.department,
  trueDepartment: row.true_department,
  diagnosis: row.diagnosis,
  trueDiagnosis: row.true_diagnosis,
  correct: row.correct,
  turns: row.turns,
  tests: row.tests,
  testCost: row.test_cost,
  simMinutes: row.sim_minutes,
});

/** Paged, filtered reads of a run's journeys for the browser. */
export class JourneyQuery {
  private readonly db: HospitalDatabase;

  constructor(private readonly store: RunStore) {
    this.db = store.db;
  }

  totals(runId: string): RunTotals {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS journeys, COALESCE(SUM(status = 'completed'), 0) AS completed,
                COALESCE(SUM(status = 'failed'), 0) AS failed, COALESCE(SUM(correct = 1), 0) AS correct
         FROM journeys WHERE run_id = ?`,
      )
      .get(runId) as RunTotals;
    return row;
  }

  count(runId: string, filter: JourneyFilter = {}): number {
    const where = whereClause(runId, filter);
    return this.db
      .prepare(`SELECT COUNT(*) FROM journeys WHERE ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  /** `limit` journeys from position `offset` of the filtered list, in slot order. */
  page(runId: string, filter: JourneyFilter, offset: number, limit: number): JourneyListItem[] {
    const where = whereClause(runId, filter);
    const rows = this.db
      .prepare(`SELECT ${listColumns} FROM journeys WHERE ${where.sql} ORDER BY idx, sample LIMIT ? OFFSET ?`)
      .all(...where.params, limit, Math.max(0, offset)) as ListRow[];
    return rows.map(toListItem);
  }

  /** Every journey of the filtered list, one row at a time (plain output streams it). */
  *iterate(runId: string, filter: JourneyFilter = {}): IterableIterator<JourneyListItem> {
    const where = whereClause(runId, filter);
    const statement = this.db.prepare(`SELECT ${listColumns} FROM journeys WHERE ${where.sql} ORDER BY idx, sample`);
    for (const row of statement.iterate(...where.params) as IterableIterator<ListRow>) yield toListItem(row);
  }

  /** Position of a journey in the filtered list, or -1 when the filter hides it. */
  positionOf(runId: string, filter: JourneyFilter, idx: number, sample = 0): number {
    const where = whereClause(runId, filter);
    const inList = this.db
      .prepare(`SELECT 1 FROM journeys WHERE ${where.sql} AND idx = ? AND sample = ?`)
      .get(...where.params, idx, sample);
    if (!inList) return -1;
    return this.db
      .prepare(`SELECT COUNT(*) FROM journeys WHERE ${where.sql} AND (idx < ? OR (idx = ? AND sample < ?))`)
      .pluck()
      .get(...where.params, idx, idx, sample) as number;
  }

  /** Departments the run's journeys were sent to, for the department filter. */
  departments(runId: string): string[] {
    return this.db
      .prepare('SELECT DISTINCT department FROM journeys WHERE run_id = ? AND department IS NOT NULL ORDER BY department')
      .pluck()
      .all(runId) as string[];
  }

  /** Scenarios of the run with their journey counts, for the scenario filter. */
  scenarios(runId: string): { id: string; journeys: number }[] {
    return this.db
      .prepare('SELECT scenario_id AS id, COUNT(*) AS journeys FROM journeys WHERE run_id = ? GROUP BY scenario_id ORDER BY scenario_id')
      .all(runId) as { id: string; journeys: number }[];
  }

  /** One journey in full: its row, events, scores, the case it was judged against, and its evidence linked to the turns. */
  detail(runId: string, idx: number, sample = 0): JourneyDetail | undefined {
    const row = this.store.journey(runId, idx, sample);
    if (!row) return undefined;
    const events = this.store.events(runId, idx, sample);
    const report = row.report_json ? (JSON.parse(row.report_json) as DiagnosisReport) : undefined;
    const patient = JSON.parse(row.case_json) as PatientCase;
    return {
      item: {
        idx: row.idx,
        sample: row.sample,
        caseId: row.case_id,
        scenarioId: row.scenario_id,
        status: row.status,
        reason: row.reason,
        department: row.department,
        trueDepartment: row.true_department,
        diagnosis: row.diagnosis,
        trueDiagnosis: patient.truth?.diagnosis ?? null,
        correct: row.correct,
        turns: row.turns,
        tests: row.tests,
        testCost: row.test_cost,
        simMinutes: row.sim_minutes,
      },
      patient,
      acuity: row.acuity,
      report,
      followUp: row.follow_up_json ? (JSON.parse(row.follow_up_json) as FollowUpOutcome) : undefined,
      events,
      scores: this.store.scores(runId, idx, sample),
      evidence: linkEvidence(events, report),
    };
  }
}

export interface JourneyDetail {
  item: JourneyListItem;
  patient: PatientCase;
  acuity: number | null;
  report?: DiagnosisReport;
  followUp?: FollowUpOutcome;
  events: JourneyEvent[];
  scores: Score[];
  evidence: LinkedEvidence[];
}

/** A cited piece of evidence and where in the journey its fact came out, if it ever did. */
export interface LinkedEvidence {
  text: string;
  supports: boolean;
  factId?: string;
  /** `revealed`: the fact came out at `seq`; `invented`: cited by id but never revealed; `uncited`: free text without a fact id. */
  status: 'revealed' | 'invented' | 'uncited';
  /** Sequence number of the event that first revealed the fact. */
  seq?: number;
}

/** The event that first revealed each fact id (answers, results, arrival and triage). */
export function revealingEvents(events: readonly JourneyEvent[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const event of events) {
    if (event.type === 'diagnose' || event.type === 'follow-up') continue;
    for (const factId of event.factIds ?? []) if (!first.has(factId)) first.set(factId, event.seq);
  }
  return first;
}

/** Link each cited fact to the turn that revealed it; a cited id never revealed is invented evidence. */
export function linkEvidence(events: readonly JourneyEvent[], report: DiagnosisReport | undefined): LinkedEvidence[] {
  if (!report) return [];
  const revealed = revealingEvents(events);
  return report.evidence.map((item) => {
    if (!item.factId) return { text: item.text, supports: item.supports, status: 'uncited' as const };
    const seq = revealed.get(item.factId);
    return seq === undefined
      ? { text: item.text, supports: item.supports, factId: item.factId, status: 'invented' as const }
      : { text: item.text, supports: item.supports, factId: item.factId, status: 'revealed' as const, seq };
  });
}
