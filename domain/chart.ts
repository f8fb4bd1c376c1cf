import type { Department, FacilityLevel } from './vocabulary.js';
import type { Demographics, FactSource } from './patient-case.js';

/** A fact as the doctors see it: revealed by the patient, an examination, triage or a test. */
export interface RevealedFact {
  factId: string;
  text: string;
  present: boolean;
  source: FactSource;
  /** Simulated minute it was revealed. */
  t: number;
}

export interface TestOrder {
  testId: string;
  name: string;
  t: number;
  available: boolean;
  cost: number;
}

export interface ConversationTurn {
  role: 'doctor' | 'patient' | 'examiner' | 'nurse';
  text: string;
}

/**
 * What doctor agents may see. Built only from what happened in the journey; it holds no
 * reference to the patient case, so the correct diagnosis cannot reach a doctor through it.
 */
export interface Chart {
  caseId: string;
  facility: FacilityLevel;
  demographics: Demographics;
  complaint: string;
  revealed: RevealedFact[];
  orders: TestOrder[];
  /** Questions asked so far, with the finding ids they covered (for not asking twice). */
  asked: { question: string; factIds: string[] }[];
  conversation: ConversationTurn[];
  department?: Department;
  acuity?: number;
  referrals: { from: Department; to: Department; reason: string }[];
  turn: number;
  maxTurns: number;
}

export function newChart(init: {
  caseId: string;
  facility: FacilityLevel;
  demographics: Demographics;
  complaint: string;
  maxTurns: number;
}): Chart {
  return {
    ...init,
    revealed: [],
    orders: [],
    asked: [],
    conversation: [],
    referrals: [],
    turn: 0,
  };
}

/** Add facts to the chart, keeping the first revelation of each fact id. */
export function reveal(chart: Chart, facts: RevealedFact[]): void {
  const known = new Set(chart.revealed.map((fact) => fact.factId));
  for (const fact of facts) {
    if (known.has(fact.factId)) continue;
    known.add(fact.factId);
    chart.revealed.push(fact);
  }
}
