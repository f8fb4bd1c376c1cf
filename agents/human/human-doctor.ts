import { interrupt } from '@langchain/langgraph';
import type { Chart } from '../../domain/chart.js';
import { AgentFailure, type AgentContext, type ConsultAction, type SpecialistAgent } from '../roles.js';
import type { DoctorTurnReply, DoctorTurnRequest } from './turn-requests.js';

const kinds = new Set(['ask', 'order', 'refer', 'diagnose']);

/**
 * The specialist played by a person: each consultation turn pauses the graph with the chart and
 * resumes with the person's action. The graph replays the consultation node on resume; earlier
 * turns get their recorded answers back from `interrupt()` in order, so the person is asked once.
 */
export class HumanSpecialist implements SpecialistAgent {
  async consult(chart: Chart, _ctx: AgentContext): Promise<ConsultAction> {
    const reply = interrupt<DoctorTurnRequest, DoctorTurnReply>({ role: 'doctor', chart });
    if (!reply || typeof reply !== 'object' || !kinds.has(reply.kind)) {
      throw new AgentFailure('specialist', `the person's reply is not a consultation step (got ${JSON.stringify(reply)?.slice(0, 80)})`);
    }
    return reply;
  }
}
