import type { Department } from './vocabulary.js';

/** Stages of a hospital stay, in the order the graph visits them. */
export const stages = [
  'arrive',
  'triage',
  'register',
  'consultation',
  'examination',
  'diagnosis',
  'treatment',
  'follow-up',
  'discharge',
] as const;
export type Stage = (typeof stages)[number];

export const eventTypes = [
  'arrive',
  'triage',
  'register',
  'ask',
  'answer',
  'order',
  'result',
  'diagnose',
  'plan',
  'refer',
  'consult',
  'follow-up',
  'discharge',
  'error',
] as const;
export type EventType = (typeof eventTypes)[number];

export type Actor = 'system' | 'nurse' | 'doctor' | 'patient' | 'examiner' | 'physician' | 'consultant' | 'chief';

/** Usage of one model call behind an event; absent on events from built-in agents. */
export interface ModelUsage {
  model: string;
  inTokens: number;
  outTokens: number;
  latencyMs: number;
  cached: boolean;
}

export interface JourneyEvent {
  seq: number;
  /** Simulated minutes since arrival. */
  t: number;
  stage: Stage;
  actor: Actor;
  type: EventType;
  text: string;
  data?: Record<string, unknown>;
  /** Fact ids revealed (answer, result) or cited (diagnose). */
  factIds?: string[];
  usage?: ModelUsage;
}

export interface DifferentialEntry {
  name: string;
  p: number;
  icd10?: string;
}

export interface EvidenceItem {
  factId?: string;
  text: string;
  supports: boolean;
}

/** A specialist's diagnosis with its explanation. */
export interface DiagnosisReport {
  diagnosis: string;
  icd10?: string;
  confidence: number;
  differential: DifferentialEntry[];
  evidence: EvidenceItem[];
  reasoning: string;
  plan: string;
  disclaimer: string;
  /** Red flags the doctor escalated (fact ids or free text). */
  escalated?: string[];
}

export type JourneyStatus = 'completed' | 'failed';

export interface FollowUpOutcome {
  status: 'improving' | 'unchanged' | 'worse';
  action: 'discharge' | 'revise' | 'readmit';
  revised?: string;
  note: string;
}

/** The outcome of one patient's stay, as the runner hands it to the records. */
export interface JourneyResult {
  index: number;
  caseId: string;
  scenarioId: string;
  status: JourneyStatus;
  reason?: string;
  department?: Department;
  acuity?: number;
  report?: DiagnosisReport;
  followUp?: FollowUpOutcome;
  events: JourneyEvent[];
  /** Simulated minutes from arrival to the diagnosis. */
  timeToDiagnosis?: number;
}
