import type { Chart } from '../../domain/chart.js';
import type { ConsultAction, PatientAnswer } from '../roles.js';

/**
 * What the graph asks a person through `interrupt()`, and what it takes back with
 * `Command({ resume })`. Both are plain JSON, so a checkpoint holds them and a demo resumes later.
 */

/** A person playing the specialist decides the next step from the chart alone. */
export interface DoctorTurnRequest {
  role: 'doctor';
  chart: Chart;
}

/** What the patient knows about themself: shown to the person who plays them. */
export interface PatientCard {
  age: number;
  sex: string;
  complaint: string;
  /** Things the patient has (in their words where the case has them) and does not have. */
  has: string[];
  hasNot: string[];
}

/** A person playing the patient answers a question; the built-in patient's answer is offered as a hint. */
export interface PatientTurnRequest {
  role: 'patient';
  question: string;
  chart: Chart;
  card: PatientCard;
  suggested: string;
}

export type HumanTurnRequest = DoctorTurnRequest | PatientTurnRequest;

export type DoctorTurnReply = ConsultAction;
export type PatientTurnReply = Pick<PatientAnswer, 'text'>;
