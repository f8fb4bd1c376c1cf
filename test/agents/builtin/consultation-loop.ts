import { newChart, reveal, type Chart, type RevealedFact } from '../../../domain/chart.js';
import type { DiagnosisReport } from '../../../domain/journey.js';
import { Rng } from '../../../domain/random.js';
import type { AgentContext, ConsultAction, HospitalAgents } from '../../../agents/roles.js';
import type { Fact, PatientCase } from '../../../domain/patient-case.js';
import type { FacilityLevel } from '../../../scenarios/schema.js';

/**
 * A minimal consultation loop for testing the built-in agents before (and independently of) the
 * environment's hospital graph: triage, then consult → answer / perform → reveal, until a diagnosis.
 */
export interface ConsultationResult {
  chart: Chart;
  actions: ConsultAction[];
  report: DiagnosisReport;
}

export const contextFor = (patient: PatientCase): AgentContext => ({
  rng: Rng.derive('test', patient.seed, patient.index),
  sample: 0,
  journeyKey: `seed${patient.seed}-i${patient.index}`,
});

const charted = (fact: Fact, t: number): RevealedFact => ({
  factId: fact.id,
  text: fact.present ? fact.text : `no ${fact.label}`,
  present: fact.present,
  source: fact.source,
  t,
});

/** A chart as triage leaves it: the complaint's facts and the measured vitals revealed. */
export function arrivalChart(patient: PatientCase, facility: FacilityLevel = 'tertiary', maxTurns = 20, complaintFacts = true): Chart {
  const chart = newChart({
    caseId: patient.caseId,
    facility,
    demographics: patient.demographics,
    complaint: patient.complaint.text,
    maxTurns,
  });
  const complaint = complaintFacts ? patient.facts.filter((fact) => patient.complaint.factIds.includes(fact.id)) : [];
  const vitals = patient.facts
    .filter((fact) => fact.kind === 'vital' && fact.present)
    .map((fact) => ({ ...charted(fact, 0), source: 'triage' as const }));
  reveal(chart, [...complaint.map((fact) => charted(fact, 0)), ...vitals]);
  return chart;
}

export async function runConsultation(
  agents: HospitalAgents,
  patient: PatientCase,
  options: { facility?: FacilityLevel; maxTurns?: number; triage?: boolean; complaintFacts?: boolean } = {},
): Promise<ConsultationResult> {
  const ctx = contextFor(patient);
  const facility = options.facility ?? 'tertiary';
  const chart = arrivalChart(patient, facility, options.maxTurns ?? 20, options.complaintFacts);
  if (options.triage !== false) {
    const decision = await agents.triage.triage(chart, ctx);
    chart.department = decision.department;
    chart.acuity = decision.acuity;
  }
  const byId = new Map(patient.facts.map((fact) => [fact.id, fact]));
  const actions: ConsultAction[] = [];
  for (;;) {
    const action = await agents.specialist.consult(chart, ctx);
    actions.push(action);
    const t = chart.turn * 5;
    if (action.kind === 'diagnose') return { chart, actions, report: action.report };
    if (action.kind === 'ask') {
      const answer = await agents.patient.answer(action.question, patient, chart, ctx);
      reveal(
        chart,
        answer.factIds.flatMap((id) => (byId.has(id) ? [charted(byId.get(id) as Fact, t)] : [])),
      );
      chart.asked.push({ question: action.question, factIds: action.about ?? answer.factIds });
      chart.conversation.push({ role: 'doctor', text: action.question }, { role: 'patient', text: answer.text });
    } else if (action.kind === 'order') {
      const report = await agents.examiner.perform(action.tests, patient, facility, ctx);
      for (const test of report.performed) {
        chart.orders.push({ testId: test.testId ?? test.requested, name: test.name, t, available: test.available, cost: test.cost });
        reveal(
          chart,
          test.facts.map((fact) => ({ factId: fact.factId, text: fact.text, present: fact.present, source: 'test' as const, t })),
        );
      }
    } else {
      chart.referrals.push({ from: chart.department ?? 'general-medicine', to: action.department, reason: action.reason });
      chart.department = action.department;
    }
    chart.turn++;
    if (chart.turn > chart.maxTurns + 5) throw new Error('the specialist never diagnosed');
  }
}
