import type { AgentContext, ConsultOpinion, HospitalAgents } from '../agents/roles.js';
import type { Catalogue } from '../scenarios/catalogue.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Department, FacilityLevel } from '../scenarios/schema.js';
import type { Chart } from '../domain/chart.js';
import {
  numberEvents,
  type DiagnosisReport,
  type FollowUpOutcome,
  type JourneyEvent,
  type ModelUsage,
  type NewJourneyEvent,
} from '../domain/journey.js';
import { Rng } from '../domain/random.js';

/** Settings every journey of a run shares. */
export interface JourneyOptions {
  facility: FacilityLevel;
  maxTurns: number;
  /** How many times a specialist may refer the patient on. */
  maxReferrals: number;
  /** When a multidisciplinary consult reviews the diagnosis; absent: never (see stages/consult.ts). */
  consult?: ConsultSettings;
}

/** `--consult never|auto|always`, `--consult-threshold`: when the chief physician convenes a consult. */
export interface ConsultSettings {
  mode: 'never' | 'auto' | 'always';
  /** In auto mode, a diagnosis below this confidence calls a consult. */
  threshold: number;
  /** Consultants on the panel at most. */
  maxConsultants: number;
}

/** One consultant's contribution: an opinion, or the reason the consultant could not give one. */
export interface ConsultResult {
  department: Department;
  opinion?: ConsultOpinion;
  failure?: string;
}

/** What the stages need besides the journey itself. */
export interface HospitalDeps {
  agents: HospitalAgents;
  catalogue: Catalogue;
  options: JourneyOptions;
}

/** A journey event before it has its sequence number. */
export type NewEvent = NewJourneyEvent;

/** Working state of one journey while the graph runs it. */
export interface JourneyState {
  /** The hidden truth: read by the patient and examiner stages only, never put on the chart. */
  patient: PatientCase;
  sample: number;
  chart: Chart;
  events: JourneyEvent[];
  /** Simulated minutes since arrival. */
  t: number;
  status: 'active' | 'completed' | 'failed';
  reason?: string;
  report?: DiagnosisReport;
  /** Model usage of the call that produced the report, recorded on the diagnose event. */
  reportUsage?: ModelUsage;
  followUp?: FollowUpOutcome;
  /** Where consultation sends the patient next. */
  route?: 'register' | 'diagnosis';
  timeToDiagnosis?: number;
  /** Multidisciplinary consult: the departments convened, the one a consultant branch reviews for, and the opinions back. */
  consultPanel?: Department[];
  consultDepartment?: Department;
  consultResults?: ConsultResult[];
}

/** Append events, numbering them after the ones already recorded. */
export function appendEvents(state: Pick<JourneyState, 'events'>, events: NewEvent[]): JourneyEvent[] {
  return numberEvents(events, state.events.length);
}

/**
 * Context for one agent call. Its random stream is fixed by seed, patient slot, sample and the
 * call's position in the journey (`step`), so replaying a journey from a checkpoint draws the same.
 */
export function agentContext(state: Pick<JourneyState, 'patient' | 'sample'>, step: number): AgentContext {
  const { seed, index } = state.patient;
  return {
    rng: Rng.derive('agents', seed, index, state.sample, step),
    sample: state.sample,
    journeyKey: `s${seed}-p${index}-k${state.sample}`,
    patientIndex: index,
  };
}

export function usageField(usage: ModelUsage | undefined): { usage?: ModelUsage } {
  return usage ? { usage } : {};
}
