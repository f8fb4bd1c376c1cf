import type { PatientCase } from '../../domain/patient-case.js';
import type { DiagnosisReport, FollowUpOutcome, JourneyEvent } from '../../domain/journey.js';
import type { JourneyRow, RunRecord, RunStore } from './run-store.js';
import type { Score } from '../../domain/score.js';

/** One exported journey: its case, events and scores. */
export interface ExportedJourney {
  runId?: string;
  index: number;
  sample: number;
  caseId: string;
  scenarioId: string;
  status: string;
  reason: string | null;
  department: string | null;
  diagnosis: string | null;
  correct: boolean | null;
  createdAt?: string;
  case: PatientCase;
  report: DiagnosisReport | null;
  followUp: FollowUpOutcome | null;
  events: JourneyEvent[];
  scores: Record<string, { value: number | null; detail?: Record<string, unknown> }>;
}

/**
 * Fields that differ between two runs of the same seed and config, dropped by `--canonical`:
 * the run id, when a journey was recorded, and on model usage the wall-clock latency and whether
 * the call came from the cache.
 */
export const nonCanonicalFields = [
  'runId',
  'createdAt',
  'events[].usage.latencyMs',
  'events[].usage.cached',
  'scores.modelLatencyMs',
] as const;

/** Scores measured on the wall clock, dropped from canonical exports. */
const wallClockMetrics = new Set(['modelLatencyMs']);

export function exportJourney(store: RunStore, row: JourneyRow, canonical: boolean): ExportedJourney {
  const events = store.events(row.run_id, row.idx, row.sample);
  const scores: ExportedJourney['scores'] = {};
  for (const score of store.scores(row.run_id, row.idx, row.sample) as Score[]) {
    if (canonical && wallClockMetrics.has(score.metric)) continue;
    scores[score.metric] = { value: Number.isNaN(score.value) ? null : score.value, ...(score.detail ? { detail: score.detail } : {}) };
  }
  const exported: ExportedJourney = {
    ...(canonical ? {} : { runId: row.run_id }),
    index: row.idx,
    sample: row.sample,
    caseId: row.case_id,
    scenarioId: row.scenario_id,
    status: row.status,
    reason: row.reason,
    department: row.department,
    diagnosis: row.diagnosis,
    correct: row.correct === null ? null : row.correct === 1,
    ...(canonical ? {} : { createdAt: row.created_at }),
    case: JSON.parse(row.case_json) as PatientCase,
    report: row.report_json ? (JSON.parse(row.report_json) as DiagnosisReport) : null,
    followUp: row.follow_up_json ? (JSON.parse(row.follow_up_json) as FollowUpOutcome) : null,
    events: canonical ? events.map(canonicalEvent) : events,
    scores,
  };
  return exported;
}

function canonicalEvent(event: JourneyEvent): JourneyEvent {
  if (!event.usage) return event;
  const { latencyMs: _latency, cached: _cached, ...usage } = event.usage;
  return { ...event, usage: usage as JourneyEvent['usage'] };
}

/** JSON Lines, one journey per line, in slot order; streamed so a large run never sits in memory. */
export function* exportRunLines(store: RunStore, run: RunRecord, canonical: boolean): Generator<string> {
  for (const row of store.journeys(run.id)) yield JSON.stringify(exportJourney(store, row, canonical)) + '\n';
}
