import { Annotation, Command, END, START, StateGraph, isGraphInterrupt, type BaseCheckpointSaver } from '@langchain/langgraph';
import { AgentFailure } from '../agents/roles.js';
import type { PatientCase } from '../domain/patient-case.js';
import { newChart, type Chart } from '../domain/chart.js';
import type { DiagnosisReport, FollowUpOutcome, JourneyEvent, JourneyResult, ModelUsage } from '../domain/journey.js';
import type { ConsultResult, HospitalDeps, JourneyState } from './journey-state.js';
import type { Department } from '../scenarios/schema.js';
import { useLightweightRunContext } from './langgraph-context.js';
import { chiefStage, consultantStage, consultFanOut, consultRequestStage, wantsConsult } from './stages/consult.js';
import { consultationStage, failed } from './stages/consultation.js';
import { diagnosisStage, dischargeStage, followUpStage, treatmentStage } from './stages/closing.js';
import { arriveStage, registerStage, triageStage, type StageUpdate } from './stages/intake.js';

const last = <T>() => Annotation<T>({ reducer: (_old: T, next: T) => next });

/** The graph's state: one channel per field of JourneyState; every update replaces the field. */
export const HospitalState = Annotation.Root({
  patient: last<PatientCase>(),
  sample: last<number>(),
  chart: last<Chart>(),
  events: Annotation<JourneyEvent[]>({ reducer: (old, next) => old.concat(next), default: () => [] }),
  t: last<number>(),
  status: last<JourneyState['status']>(),
  reason: last<string | undefined>(),
  report: last<DiagnosisReport | undefined>(),
  reportUsage: last<ModelUsage | undefined>(),
  followUp: last<FollowUpOutcome | undefined>(),
  route: last<JourneyState['route']>(),
  timeToDiagnosis: last<number | undefined>(),
  consultPanel: last<Department[] | undefined>(),
  consultDepartment: last<Department | undefined>(),
  // Parallel consultant branches each add their opinion.
  consultResults: Annotation<ConsultResult[]>({ reducer: (old, next) => old.concat(next), default: () => [] }),
});

type Stage = (state: JourneyState, deps: HospitalDeps) => Promise<StageUpdate>;

/**
 * Run a stage; a role failure ends the journey as failed with its reason instead of throwing
 * out of the batch. Interrupts (a person playing a role) pass through to LangGraph.
 */
function guarded(stage: Stage, deps: HospitalDeps) {
  return async (state: typeof HospitalState.State): Promise<Partial<typeof HospitalState.State>> => {
    const journey = state as JourneyState;
    try {
      // Stages return only their new events; the events channel appends them.
      return await stage(journey, deps);
    } catch (error) {
      if (isGraphInterrupt(error)) throw error;
      const reason =
        error instanceof AgentFailure ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      return failed(journey, [], journey.t, reason);
    }
  };
}

type GraphState = typeof HospitalState.State;

/**
 * A stage that routes itself: it returns a `Command` with its update and the next node (END once
 * the journey has failed), so a step costs one runnable instead of a node plus an edge — a
 * LangGraph step dominates the cost of a built-in journey.
 */
function routed(stage: Stage, deps: HospitalDeps, next: (state: JourneyState) => string) {
  const run = guarded(stage, deps);
  return async (state: GraphState): Promise<Command> => {
    const update = await run(state);
    const after = { ...state, ...update } as JourneyState;
    return new Command({ update, goto: after.status === 'failed' ? END : next(after) });
  };
}

const to = (node: string) => (): string => node;

/**
 * arrive → triage → register → consultation ⟲ (refer → register) → [consult ⇉ consultant × n →
 * chief] → diagnosis → treatment → follow-up → discharge. Consultation runs its whole
 * question-and-test loop in one step; the consult runs only when `options.consult` calls it.
 */
export function buildHospitalGraph(deps: HospitalDeps, checkpointer?: BaseCheckpointSaver) {
  useLightweightRunContext();
  const afterConsultation = (state: JourneyState): string =>
    state.route === 'register' ? 'register' : wantsConsult(state, deps) ? 'consult' : 'diagnosis';
  const graph = new StateGraph(HospitalState)
    .addNode('arrive', routed(arriveStage, deps, to('triage')), { ends: ['triage', END] })
    .addNode('triage', routed(triageStage, deps, to('register')), { ends: ['register', END] })
    .addNode('register', routed(registerStage, deps, to('consultation')), { ends: ['consultation', END] })
    .addNode('consultation', routed(consultationStage, deps, afterConsultation), { ends: ['register', 'consult', 'diagnosis', END] })
    .addNode('consult', guarded(consultRequestStage, deps))
    .addNode('consultant', (state: GraphState) => consultantStage(state as JourneyState, deps))
    .addNode('chief', routed(chiefStage, deps, to('diagnosis')), { ends: ['diagnosis', END] })
    .addNode('diagnosis', routed(diagnosisStage, deps, to('treatment')), { ends: ['treatment', END] })
    .addNode('treatment', routed(treatmentStage, deps, to('follow-up')), { ends: ['follow-up', END] })
    .addNode('follow-up', routed(followUpStage, deps, to('discharge')), { ends: ['discharge', END] })
    .addNode('discharge', guarded(dischargeStage, deps))
    .addEdge(START, 'arrive')
    // Multidisciplinary consult: fan out one consultant per department (Send), then the chief merges.
    .addConditionalEdges('consult', (state) => consultFanOut(state as JourneyState), ['consultant', 'diagnosis', END])
    .addEdge('consultant', 'chief')
    .addEdge('discharge', END);
  return graph.compile({ checkpointer });
}

export type HospitalGraph = ReturnType<typeof buildHospitalGraph>;

/** The state a journey starts in. */
export function initialState(patient: PatientCase, sample: number, deps: HospitalDeps): JourneyState {
  const chart = newChart({
    caseId: patient.caseId,
    facility: deps.options.facility,
    demographics: patient.demographics,
    complaint: patient.complaint.text,
    maxTurns: deps.options.maxTurns,
  });
  return { patient, sample, chart, events: [], t: 0, status: 'active' };
}

/** The record of a finished journey. */
export function journeyResult(state: JourneyState): JourneyResult {
  return {
    index: state.patient.index,
    caseId: state.patient.caseId,
    scenarioId: state.patient.scenarioId,
    status: state.status === 'completed' ? 'completed' : 'failed',
    reason: state.status === 'completed' ? undefined : (state.reason ?? 'journey ended before discharge'),
    department: state.chart.department,
    acuity: state.chart.acuity,
    report: state.report,
    followUp: state.followUp,
    events: state.events,
    timeToDiagnosis: state.timeToDiagnosis,
  };
}

/** Run one journey through the graph without a checkpointer (batch mode). */
export async function runJourney(graph: HospitalGraph, patient: PatientCase, sample: number, deps: HospitalDeps): Promise<JourneyResult> {
  const final = await graph.invoke(initialState(patient, sample, deps), { recursionLimit: 100 });
  return journeyResult(final as JourneyState);
}
