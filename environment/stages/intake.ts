import { reveal, type RevealedFact } from '../../domain/chart.js';
import { agentContext, appendEvents, usageField, type HospitalDeps, type JourneyState } from '../journey-state.js';

export type StageUpdate = Partial<JourneyState>;

/** The patient arrives and states the chief complaint. */
export async function arriveStage(state: JourneyState): Promise<StageUpdate> {
  const { patient, chart } = state;
  const complaintFacts: RevealedFact[] = patient.facts
    .filter((fact) => patient.complaint.factIds.includes(fact.id))
    .map((fact) => ({ factId: fact.id, text: fact.text, present: true, source: 'patient', t: 0 }));
  reveal(chart, complaintFacts);
  chart.conversation.push({ role: 'patient', text: patient.complaint.text });
  const { age, sex } = patient.demographics;
  return {
    chart,
    t: 0,
    events: appendEvents(state, [
      {
        t: 0,
        stage: 'arrive',
        actor: 'patient',
        type: 'arrive',
        text: `A ${age}-year-old ${sex} arrives: "${patient.complaint.text}"`,
        data: { age, sex, facility: chart.facility },
        factIds: complaintFacts.map((fact) => fact.factId),
      },
    ]),
  };
}

/** The nurse measures the vital signs and the triage agent assigns a department and acuity. */
export async function triageStage(state: JourneyState, deps: HospitalDeps): Promise<StageUpdate> {
  const { patient, chart } = state;
  const t = state.t + 5;
  const vitals: RevealedFact[] = patient.facts
    .filter((fact) => fact.kind === 'vital')
    .map((fact) => ({ factId: fact.id, text: fact.present ? fact.text : `no ${fact.label}`, present: fact.present, source: 'triage', t }));
  reveal(chart, vitals);
  const measured = vitals.filter((fact) => fact.present).map((fact) => fact.text);
  const decision = await deps.agents.triage.triage(chart, agentContext(state, state.events.length));
  chart.department = decision.department;
  chart.acuity = decision.acuity;
  chart.conversation.push({ role: 'nurse', text: `Triage: ${decision.department}, acuity ${decision.acuity}.` });
  return {
    chart,
    t: t + 5,
    events: appendEvents(state, [
      {
        t,
        stage: 'triage',
        actor: 'nurse',
        type: 'triage',
        text: `Vital signs: ${measured.length > 0 ? measured.join('; ') : 'within normal limits'}. Sent to ${decision.department}, acuity ${decision.acuity}. ${decision.rationale}`,
        data: { department: decision.department, acuity: decision.acuity, rationale: decision.rationale },
        factIds: vitals.map((fact) => fact.factId),
        ...usageField(decision.usage),
      },
    ]),
  };
}

/** Registration with the department (again after a referral). */
export async function registerStage(state: JourneyState): Promise<StageUpdate> {
  const { chart } = state;
  const referral = chart.referrals.at(-1);
  const text = referral ? `Registered with ${chart.department} on referral from ${referral.from}.` : `Registered with ${chart.department}.`;
  return {
    t: state.t + 5,
    route: undefined,
    events: appendEvents(state, [
      { t: state.t, stage: 'register', actor: 'system', type: 'register', text, data: { department: chart.department } },
    ]),
  };
}
