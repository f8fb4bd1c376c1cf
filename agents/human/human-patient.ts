import { interrupt } from '@langchain/langgraph';
import type { Chart } from '../../domain/chart.js';
import type { PatientCase } from '../../domain/patient-case.js';
import { answerQuestion } from '../builtin/patient.js';
import { AgentFailure, type AgentContext, type PatientAgent, type PatientAnswer } from '../roles.js';
import type { PatientCard, PatientTurnReply, PatientTurnRequest } from './turn-requests.js';

/** The patient's own view of their case: what they have and what they do not (never the diagnosis). */
export function patientCard(patient: PatientCase): PatientCard {
  const told = patient.facts.filter((fact) => fact.source === 'patient');
  return {
    age: patient.demographics.age,
    sex: patient.demographics.sex,
    complaint: patient.complaint.text,
    has: told.filter((fact) => fact.present).map((fact) => fact.says ?? fact.text),
    hasNot: told.filter((fact) => !fact.present).map((fact) => fact.label),
  };
}

/**
 * The patient played by a person. The person's words go on the record; which facts the answer
 * reveals is decided as for the built-in patient (the facts the question is about), so the chart
 * and the grounding scores stay comparable with the built-in runs.
 */
export class HumanPatient implements PatientAgent {
  async answer(question: string, patient: PatientCase, chart: Chart, _ctx: AgentContext): Promise<PatientAnswer> {
    const suggested = answerQuestion(question, patient);
    const reply = interrupt<PatientTurnRequest, PatientTurnReply>({
      role: 'patient',
      question,
      chart,
      card: patientCard(patient),
      suggested: suggested.text,
    });
    if (!reply || typeof reply.text !== 'string')
      throw new AgentFailure('patient', `the person's reply is not an answer (got ${JSON.stringify(reply)?.slice(0, 80)})`);
    return { text: reply.text.trim() || suggested.text, factIds: suggested.factIds };
  }
}
