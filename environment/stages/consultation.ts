import type { ConsultAction, PatientAnswer, TestPerformed } from '../../agents/roles.js';
import type { PatientCase } from '../../domain/patient-case.js';
import { reveal, type Chart, type RevealedFact } from '../../domain/chart.js';
import { agentContext, appendEvents, usageField, type HospitalDeps, type JourneyState, type NewEvent } from '../journey-state.js';
import type { StageUpdate } from './intake.js';

/** Minutes a question and its answer take on the simulated clock. */
const minutesPerQuestion = 2;

/** Chart entries for the facts a patient answer revealed (present or denied). */
function answerFacts(patient: PatientCase, answer: PatientAnswer, t: number): RevealedFact[] {
  const byId = new Map(patient.facts.map((fact) => [fact.id, fact]));
  return answer.factIds.flatMap((id) => {
    const fact = byId.get(id);
    if (!fact) return [];
    // A patient behaviour may claim otherwise than the case (an exaggerated symptom); the chart holds what was said.
    const present = answer.statedPresence?.[id] ?? fact.present;
    return [{ factId: id, text: present ? fact.text : `no ${fact.label}`, present, source: 'patient' as const, t }];
  });
}

function resultFacts(performed: TestPerformed[], t: number): RevealedFact[] {
  return performed.flatMap((test) =>
    test.facts.map((fact) => ({ factId: fact.factId, text: fact.text, present: fact.present, source: 'test' as const, t })),
  );
}

/**
 * The consultation loop: the specialist asks, orders tests, refers or diagnoses until it
 * diagnoses, refers, or spends its turn budget. It runs as one graph step, since a step costs
 * far more than a built-in turn; each turn is still its own event.
 */
export async function consultationStage(state: JourneyState, deps: HospitalDeps): Promise<StageUpdate> {
  const { patient, chart } = state;
  const { agents, options } = deps;
  let t = state.t;
  const events: NewEvent[] = [];
  const stepOf = (): number => state.events.length + events.length;

  for (;;) {
    if (chart.turn > chart.maxTurns) {
      return failed(state, events, t, `no diagnosis within the budget of ${chart.maxTurns} turns`);
    }
    const action: ConsultAction = await agents.specialist.consult(chart, agentContext(state, stepOf()));
    chart.turn += 1;
    const usage = usageField(action.usage);

    if (action.kind === 'ask') {
      events.push({ t, stage: 'consultation', actor: 'doctor', type: 'ask', text: action.question, ...usage, data: { turn: chart.turn } });
      chart.conversation.push({ role: 'doctor', text: action.question });
      const answer = await agents.patient.answer(action.question, patient, chart, agentContext(state, stepOf()));
      t += minutesPerQuestion;
      const facts = answerFacts(patient, answer, t);
      reveal(chart, facts);
      chart.asked.push({ question: action.question, factIds: action.about ?? [] });
      chart.conversation.push({ role: 'patient', text: answer.text });
      events.push({
        t,
        stage: 'consultation',
        actor: 'patient',
        type: 'answer',
        text: answer.text,
        factIds: facts.map((fact) => fact.factId),
        ...usageField(answer.usage),
      });
      continue;
    }

    if (action.kind === 'order') {
      const requests = [...new Set(action.tests)];
      events.push({
        t,
        stage: 'examination',
        actor: 'doctor',
        type: 'order',
        text: `Ordered: ${requests.join(', ')}`,
        data: { tests: requests, reason: action.reason, turn: chart.turn },
        ...usage,
      });
      chart.conversation.push({ role: 'doctor', text: `I would like: ${requests.join(', ')}.` });
      const report = await agents.examiner.perform(requests, patient, options.facility, agentContext(state, stepOf()));
      const waited = Math.max(0, ...report.performed.map((test) => (test.available ? test.minutes : 0)));
      const resultTime = t + waited;
      for (const test of report.performed) {
        chart.orders.push({ testId: test.testId ?? test.requested, name: test.name, t, available: test.available, cost: test.cost });
        chart.conversation.push({ role: 'examiner', text: `${test.name}: ${test.text}` });
        events.push({
          t: resultTime,
          stage: 'examination',
          actor: 'examiner',
          type: 'result',
          text: `${test.name}: ${test.text}`,
          data: { testId: test.testId, requested: test.requested, available: test.available, cost: test.cost, minutes: test.minutes },
          factIds: test.factIds,
          ...usageField(report.usage),
        });
      }
      reveal(chart, resultFacts(report.performed, resultTime));
      t = resultTime;
      continue;
    }

    if (action.kind === 'refer') {
      const from = chart.department;
      const allowed = from !== undefined && action.department !== from && chart.referrals.length < options.maxReferrals;
      events.push({
        t,
        stage: 'consultation',
        actor: 'doctor',
        type: 'refer',
        text: allowed
          ? `Referred to ${action.department}: ${action.reason}`
          : `Referral to ${action.department} declined (limit reached or same department).`,
        data: { to: action.department, from, reason: action.reason, declined: !allowed },
        ...usage,
      });
      if (!allowed || from === undefined) continue;
      chart.referrals.push({ from, to: action.department, reason: action.reason });
      chart.department = action.department;
      return { chart, t: t + 15, route: 'register', events: appendEvents(state, events) };
    }

    return {
      chart,
      t,
      report: action.report,
      reportUsage: action.usage,
      timeToDiagnosis: t,
      route: 'diagnosis',
      events: appendEvents(state, events),
    };
  }
}

export function failed(state: JourneyState, events: NewEvent[], t: number, reason: string): StageUpdate {
  events.push({ t, stage: currentStage(state.chart), actor: 'system', type: 'error', text: reason, data: { reason } });
  return { status: 'failed', reason, t, events: appendEvents(state, events) };
}

function currentStage(chart: Chart): NewEvent['stage'] {
  return chart.department ? 'consultation' : 'triage';
}
