import type { Chart } from '../domain/chart.js';
import type { DiagnosisReport, FollowUpOutcome, ModelUsage } from '../domain/journey.js';
import type { Rng } from '../domain/random.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Department, FacilityLevel } from '../scenarios/schema.js';

/**
 * One interface per role. Every role has a built-in offline implementation (agents/builtin) and
 * an LLM one (agents/llm). Doctors (triage, specialist, follow-up) receive the chart and never
 * the patient case; the patient and the examiner hold the case.
 *
 * A role that fails (a model that times out, output that never matches its schema) throws an
 * `AgentFailure`; the environment records the journey as failed with its reason.
 */

/** Per-journey context handed to every call: its own random stream and identity for caching. */
export interface AgentContext {
  rng: Rng;
  /** Which sample of this patient this is (repeats); part of a model call's cache key. */
  sample: number;
  /** Stable identity of the journey, e.g. "seed7-i12" (no diagnosis in it). */
  journeyKey: string;
  /** The patient's slot in the run (what the availability bias counts "recent" from). */
  patientIndex?: number;
}

/** Model usage of the call that produced a reply; absent for built-in agents. */
export interface WithUsage {
  usage?: ModelUsage;
}

export interface TriageDecision extends WithUsage {
  department: Department;
  acuity: number;
  rationale: string;
}

export type ConsultAction =
  /** `about`: the finding ids the question targets, when the asker knows them (built-in doctor). */
  | ({ kind: 'ask'; question: string; about?: string[] } & WithUsage)
  | ({ kind: 'order'; tests: string[]; reason?: string } & WithUsage)
  | ({ kind: 'refer'; department: Department; reason: string } & WithUsage)
  | ({ kind: 'diagnose'; report: DiagnosisReport } & WithUsage);

export interface PatientAnswer extends WithUsage {
  text: string;
  factIds: string[];
  /**
   * What the patient claimed about a revealed fact where it differs from the case (a behaviour:
   * an exaggerating patient claims a symptom it does not have). Absent: the case's own answer.
   */
  statedPresence?: Record<string, boolean>;
}

export interface TestPerformed {
  /** Catalogue id, or undefined when the request matched no catalogue test. */
  testId?: string;
  requested: string;
  name: string;
  available: boolean;
  text: string;
  factIds: string[];
  /** Per revealed fact: present or absent. */
  facts: { factId: string; text: string; present: boolean }[];
  cost: number;
  minutes: number;
}

export interface ExaminerReport extends WithUsage {
  performed: TestPerformed[];
}

export interface FollowUpObservation {
  days: number;
  /** What the patient reports at follow-up, in their words. */
  report: string;
  trend: 'improving' | 'unchanged' | 'worse';
}

export interface TriageAgent {
  triage(chart: Chart, ctx: AgentContext): Promise<TriageDecision>;
}

export interface SpecialistAgent {
  consult(chart: Chart, ctx: AgentContext): Promise<ConsultAction>;
}

export interface FollowUpAgent {
  followUp(
    chart: Chart,
    report: DiagnosisReport,
    observation: FollowUpObservation,
    ctx: AgentContext,
  ): Promise<FollowUpOutcome & WithUsage>;
}

export interface PatientAgent {
  answer(question: string, patient: PatientCase, chart: Chart, ctx: AgentContext): Promise<PatientAnswer>;
}

export interface ExaminerAgent {
  perform(requests: string[], patient: PatientCase, facility: FacilityLevel, ctx: AgentContext): Promise<ExaminerReport>;
}

/** A consultant's opinion in a multidisciplinary consult: its department's diagnosis report. */
export interface ConsultOpinion extends WithUsage {
  department: Department;
  report: DiagnosisReport;
}

/**
 * A specialist from another department reviewing the chart in a multidisciplinary consult. It
 * sees the chart and the treating doctor's report (doctors' work, never the case).
 */
export interface ConsultantAgent {
  review(chart: Chart, department: Department, working: DiagnosisReport, ctx: AgentContext): Promise<ConsultOpinion>;
}

/** The chief physician: merges the treating doctor's report and the consultants' opinions into the final one. */
export interface ChiefAgent {
  /** The departments to consult (at most `max`, never the chart's own): those of the leading diseases in the differential. */
  convene(chart: Chart, working: DiagnosisReport, max: number): Department[];
  merge(
    chart: Chart,
    working: DiagnosisReport,
    opinions: readonly ConsultOpinion[],
    ctx: AgentContext,
  ): Promise<DiagnosisReport & WithUsage>;
}

export interface HospitalAgents {
  triage: TriageAgent;
  specialist: SpecialistAgent;
  followUp: FollowUpAgent;
  patient: PatientAgent;
  examiner: ExaminerAgent;
  /** Multidisciplinary consult roles; absent where no consult can be called. */
  consultant?: ConsultantAgent;
  chief?: ChiefAgent;
}

/** A role failure that should end the journey as failed, with a reason, not crash the batch. */
/** Roles that can fail a call: the five hospital roles, and the judge and consultants around them. */
export type RoleName = keyof HospitalAgents | 'judge' | 'consultant' | 'chief';

export class AgentFailure extends Error {
  constructor(
    readonly role: RoleName,
    readonly reason: string,
    readonly usage?: ModelUsage,
  ) {
    super(`${role}: ${reason}`);
    this.name = 'AgentFailure';
  }
}

export const disclaimer =
  'This is a simulated assessment for research and teaching; it is not medical advice and a ' +
  'licensed physician must review it before any treatment.';
