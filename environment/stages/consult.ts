import { Send } from '@langchain/langgraph';
import { AgentFailure } from '../../agents/roles.js';
import type { DiagnosisReport } from '../../domain/journey.js';
import {
  agentContext,
  appendEvents,
  usageField,
  type ConsultResult,
  type ConsultSettings,
  type HospitalDeps,
  type JourneyState,
  type NewEvent,
} from '../journey-state.js';
import { Rng } from '../../domain/random.js';
import type { StageUpdate } from './intake.js';

/** The default: no consults, so runs without the flag behave exactly as before consults existed. */
export const defaultConsultSettings: ConsultSettings = { mode: 'never', threshold: 0.6, maxConsultants: 3 };

/** Simulated minutes the consultants take to review the chart (in parallel), and the chief to merge. */
const reviewMinutes = 60;
const mergeMinutes = 15;

/** Whether the diagnosis just made calls a multidisciplinary consult. */
export function wantsConsult(state: Pick<JourneyState, 'report' | 'status'>, deps: HospitalDeps): boolean {
  const settings = deps.options.consult;
  if (!settings || settings.mode === 'never' || state.status === 'failed' || !state.report) return false;
  if (!deps.agents.consultant || !deps.agents.chief) return false;
  return settings.mode === 'always' || state.report.confidence < settings.threshold;
}

/** The treating doctor asks for a consult; the chief convenes the panel of departments. */
export async function consultRequestStage(state: JourneyState, deps: HospitalDeps): Promise<StageUpdate> {
  const settings = deps.options.consult;
  const { report, chart } = state;
  if (!report || !settings || !deps.agents.chief) return { consultPanel: [] };
  const panel = deps.agents.chief.convene(chart, report, settings.maxConsultants);
  const why =
    settings.mode === 'always'
      ? 'every diagnosis is reviewed'
      : `confidence ${report.confidence.toFixed(2)} is below ${settings.threshold}`;
  return {
    consultPanel: panel,
    consultResults: [],
    events: appendEvents(state, [
      {
        t: state.t,
        stage: 'diagnosis',
        actor: 'doctor',
        type: 'consult',
        text:
          panel.length > 0
            ? `Multidisciplinary consult requested (${why}): ${panel.join(', ')}.`
            : `Multidisciplinary consult requested (${why}), but no other department is relevant.`,
        data: { requested: panel, mode: settings.mode, threshold: settings.threshold, confidence: report.confidence },
      },
    ]),
  };
}

/** The fan-out: one `Send` per department on the panel, each to its own consultant branch. */
export function consultFanOut(state: JourneyState): Send[] | 'diagnosis' | '__end__' {
  if (state.status === 'failed') return '__end__';
  const panel = state.consultPanel ?? [];
  if (panel.length === 0) return 'diagnosis';
  return panel.map((department) => new Send('consultant', { ...state, consultDepartment: department }));
}

/**
 * One consultant reviews the chart for its department. A consultant that fails gives no opinion
 * (recorded with its reason) instead of failing the patient's journey. Branches run in parallel;
 * they write no events (the chief records them in panel order, so the log stays deterministic).
 */
export async function consultantStage(state: JourneyState, deps: HospitalDeps): Promise<{ consultResults: ConsultResult[] }> {
  const department = state.consultDepartment;
  const consultant = deps.agents.consultant;
  if (!department || !consultant || !state.report) return { consultResults: [] };
  const { seed, index } = state.patient;
  const ctx = { ...agentContext(state, state.events.length), rng: Rng.derive('consult', seed, index, state.sample, department) };
  try {
    const opinion = await consultant.review(state.chart, department, state.report, ctx);
    return { consultResults: [{ department, opinion }] };
  } catch (error) {
    const failure =
      error instanceof AgentFailure ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    return { consultResults: [{ department, failure }] };
  }
}

const summary = (report: DiagnosisReport): { diagnosis: string; icd10?: string; confidence: number } => ({
  diagnosis: report.diagnosis,
  ...(report.icd10 ? { icd10: report.icd10 } : {}),
  confidence: report.confidence,
});

/** The chief physician merges the opinions into the final diagnosis; every opinion goes on the record. */
export async function chiefStage(state: JourneyState, deps: HospitalDeps): Promise<StageUpdate> {
  const working = state.report;
  const chief = deps.agents.chief;
  if (!working || !chief) return {};
  const panel = state.consultPanel ?? [];
  const results = [...(state.consultResults ?? [])].sort((a, b) => panel.indexOf(a.department) - panel.indexOf(b.department));
  const reviewed = state.t + reviewMinutes;
  const events: NewEvent[] = results.map((result) =>
    result.opinion
      ? {
          t: reviewed,
          stage: 'diagnosis',
          actor: 'consultant',
          type: 'consult',
          text: `${result.department} consultant: ${result.opinion.report.diagnosis}, confidence ${Math.round(result.opinion.report.confidence * 100)} %.`,
          data: { department: result.department, report: result.opinion.report },
          factIds: result.opinion.report.evidence.flatMap((item) => (item.factId ? [item.factId] : [])),
          ...usageField(result.opinion.usage),
        }
      : {
          t: reviewed,
          stage: 'diagnosis',
          actor: 'consultant',
          type: 'consult',
          text: `${result.department} consultant gave no opinion: ${result.failure ?? 'unknown reason'}`,
          data: { department: result.department, error: result.failure },
        },
  );
  const opinions = results.flatMap((result) => (result.opinion ? [result.opinion] : []));
  const t = reviewed + mergeMinutes;
  const { usage, ...merged } =
    opinions.length > 0
      ? await chief.merge(state.chart, working, opinions, agentContext(state, state.events.length))
      : { ...working, usage: undefined };
  const changed = merged.diagnosis.trim().toLowerCase() !== working.diagnosis.trim().toLowerCase();
  events.push({
    t,
    stage: 'diagnosis',
    actor: 'chief',
    type: 'consult',
    text: changed
      ? `Chief physician: diagnosis revised from ${working.diagnosis} to ${merged.diagnosis}.`
      : `Chief physician: ${working.diagnosis} confirmed.`,
    data: { before: summary(working), after: summary(merged), changed, departments: opinions.map((opinion) => opinion.department) },
    ...usageField(usage),
  });
  return { t, report: merged, timeToDiagnosis: t, events: appendEvents(state, events) };
}

/** The consult settings stored in a run's config (`consult`), or the default. */
export function consultSettingsOf(config: Readonly<Record<string, unknown>>): ConsultSettings {
  const stored = (config.consult ?? {}) as Partial<ConsultSettings>;
  return { ...defaultConsultSettings, ...stored };
}
