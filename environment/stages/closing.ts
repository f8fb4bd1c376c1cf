import type { FollowUpObservation } from '../../agents/roles.js';
import { matchDiagnosis } from '../../scenarios/diagnosis-match/index.js';
import { agentContext, appendEvents, usageField, type HospitalDeps, type JourneyState } from '../journey-state.js';
import type { StageUpdate } from './intake.js';

const minutesPerDay = 24 * 60;

/** The specialist's diagnosis goes on the record with its cited evidence. */
export async function diagnosisStage(state: JourneyState): Promise<StageUpdate> {
  const report = state.report;
  if (!report) return { status: 'failed', reason: 'diagnosis stage reached without a report' };
  const cited = report.evidence.flatMap((item) => (item.factId ? [item.factId] : []));
  return {
    events: appendEvents(state, [
      {
        t: state.t,
        stage: 'diagnosis',
        actor: 'doctor',
        type: 'diagnose',
        text: `Diagnosis: ${report.diagnosis}${report.icd10 ? ` (${report.icd10})` : ''}, confidence ${Math.round(report.confidence * 100)} %.`,
        data: { report },
        factIds: cited,
        ...usageField(state.reportUsage),
      },
    ]),
  };
}

/**
 * Treatment is a suggestion: the agent proposes, a human physician signs off. The simulated
 * attending signs every plan here; the record keeps both steps so compliance can be checked.
 */
export async function treatmentStage(state: JourneyState): Promise<StageUpdate> {
  const plan = state.report?.plan ?? '';
  return {
    t: state.t + 30,
    events: appendEvents(state, [
      { t: state.t, stage: 'treatment', actor: 'doctor', type: 'plan', text: `Suggested plan: ${plan}`, data: { plan, signedOff: false } },
      {
        t: state.t + 30,
        stage: 'treatment',
        actor: 'physician',
        type: 'plan',
        text: 'Plan reviewed and signed off by the attending physician.',
        data: { plan, signedOff: true, signedBy: 'attending physician (simulated)' },
      },
    ]),
  };
}

/**
 * Days later the patient reports how it went: the scenario's treated course when the diagnosis
 * fitted, its untreated course when it did not. A diagnosis fits when the matcher grades it
 * correct, or partial (a broader name of the same disease — "myocardial infarction" for an
 * NSTEMI — which still sets the patient on that disease's pathway); a near miss, a negation, a
 * hedge or a list does not. Only this stage compares with the truth, and it hands the doctor
 * nothing but the patient's words.
 */
export async function followUpStage(state: JourneyState, deps: HospitalDeps): Promise<StageUpdate> {
  const { patient, chart } = state;
  const report = state.report;
  if (!report) return {};
  const fitted = matchDiagnosis(report.diagnosis, patient.truth, report.icd10).verdict !== 'wrong';
  const days = patient.course.followUpDays;
  const observation: FollowUpObservation = {
    days,
    report: fitted ? patient.course.treated : patient.course.untreated,
    trend: fitted ? 'improving' : patient.truth.acuity <= 3 ? 'worse' : 'unchanged',
  };
  const t = state.t + days * minutesPerDay;
  const outcome = await deps.agents.followUp.followUp(chart, report, observation, agentContext(state, state.events.length));
  const { usage, ...followUp } = outcome;
  return {
    t,
    followUp,
    events: appendEvents(state, [
      { t, stage: 'follow-up', actor: 'patient', type: 'answer', text: observation.report, data: { days, trend: observation.trend } },
      {
        t,
        stage: 'follow-up',
        actor: 'doctor',
        type: 'follow-up',
        text: `${followUp.note}${followUp.revised ? ` Revised diagnosis: ${followUp.revised}.` : ''}`,
        data: { ...followUp },
        ...usageField(usage),
      },
    ]),
  };
}

export async function dischargeStage(state: JourneyState): Promise<StageUpdate> {
  const readmitted = state.followUp?.action === 'readmit';
  return {
    status: 'completed',
    events: appendEvents(state, [
      {
        t: state.t,
        stage: 'discharge',
        actor: 'system',
        type: 'discharge',
        text: readmitted ? `Readmitted to ${state.chart.department} for further care.` : 'Discharged from follow-up.',
        data: { readmitted },
      },
    ]),
  };
}
