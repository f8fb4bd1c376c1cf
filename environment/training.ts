import type { LearningDoctor } from '../agents/experience/doctor.js';
import type { Embedder } from '../agents/experience/embeddings.js';
import { caseText } from '../agents/experience/retrieval.js';
import type { CurvePoint, ProfileConfig } from '../agents/experience/profile-format.js';
import type { JourneyLesson } from '../agents/experience/types.js';
import type { AgentContext, HospitalAgents } from '../agents/roles.js';
import type { JourneyScorer } from '../domain/score.js';
import { diagnosisHits } from '../scenarios/diagnosis-match/index.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Chart } from '../domain/chart.js';
import { patientFor } from './engine.js';
import { buildHospitalGraph, runJourney } from './hospital-graph.js';
import type { JourneyResult } from '../domain/journey.js';
import type { HospitalDeps, JourneyOptions } from './journey-state.js';
import type { ProfileStore } from './records/profiles.js';
import type { RunStore } from './records/run-store.js';

export interface TrainingProgress {
  /** Patients learned from, in total (this invocation and earlier ones). */
  trained: number;
  target: number;
  /** Patients learned from in this invocation. */
  done: number;
  /** Correct diagnoses among them. */
  correct: number;
  startedAt: number;
}

export interface TrainingHooks {
  onPatient?(index: number, correct: boolean, progress: TrainingProgress): void;
  onCurvePoint?(point: CurvePoint): void;
  /** Stop before the next patient; what was learned so far is kept. */
  signal?: AbortSignal;
}

export interface TrainingOptions {
  profiles: ProfileStore;
  /** Records the training journeys, in the profile's run. */
  runs: RunStore;
  profile: string;
  /** Train until this many patients have been learned from in total. */
  target: number;
  set: ScenarioSet;
  /** The learning doctor, built from the profile's stored experience. */
  doctor: LearningDoctor;
  hooks?: TrainingHooks;
  /** Draws the training patient of a slot (default `patientFor`); tests wrap it to watch the truth. */
  drawPatient?: (seed: number, index: number) => PatientCase;
  /** Grades each training journey before it is recorded (evaluation's scoreJourney). */
  score: JourneyScorer;
  /** Embeds each new case summary for retrieval (profiles trained with `--embed`). */
  embedder?: Embedder;
}

export interface TrainingOutcomeSummary {
  status: 'completed' | 'interrupted';
  progress: TrainingProgress;
  curve: CurvePoint[];
}

export const journeyOptionsOf = (config: ProfileConfig): JourneyOptions => ({
  facility: config.facility,
  maxTurns: config.maxTurns,
  maxReferrals: config.maxReferrals,
});

/**
 * Train a profile: patients (seed, trained…target-1) one after another, each journey run by the
 * doctor as its experience stands, then — only once the journey has ended — the learning step,
 * which alone is given the true diagnosis. Each step is committed with the recorded journey and
 * the progress marker in one transaction, so a killed training resumes at the next patient and
 * ends with the same profile. The held-out set is evaluated at every window boundary, before the
 * boundary's patient is learned from, so a resumed training measures the same points.
 */
export async function trainProfile(options: TrainingOptions): Promise<TrainingOutcomeSummary> {
  const { profiles, set, doctor, hooks } = options;
  const profile = profiles.get(options.profile);
  const { config } = profile;
  const memory = new ChartMemory();
  const deps: HospitalDeps = { agents: memory.wrap(doctor.agents), catalogue: set.catalogue, options: journeyOptionsOf(config) };
  const graph = buildHospitalGraph(deps);
  const runId = trainingRun(options, profile.runId, config);
  const progress: TrainingProgress = { trained: profile.trained, target: options.target, done: 0, correct: 0, startedAt: Date.now() };
  const measured = new Set(profiles.curve(options.profile).map((point) => point.trained));
  const measure = async (trained: number): Promise<void> => {
    if (measured.has(trained) || config.heldOutPatients === 0) return;
    const point = await evaluateHeldOut(doctor.agents, set, config, trained);
    profiles.addCurvePoint(options.profile, point);
    measured.add(trained);
    hooks?.onCurvePoint?.(point);
  };
  options.runs.setStatus(runId, 'running');
  for (let index = profile.trained; index < options.target; index++) {
    if (index % config.window === 0) await measure(index);
    if (hooks?.signal?.aborted) break;
    const patient = options.drawPatient ? options.drawPatient(config.seed, index) : patientFor(set, config.seed, index);
    const result = await runTrainingJourney(graph, patient, deps);
    // The journey is over: from here on the truth may be read, by the learning step and the scorers.
    const lesson = lessonFor(patient, result, memory.take(journeyKeyOf(patient)));
    const delta = doctor.learn(lesson);
    if (delta.newCase && options.embedder) delta.newCase.embedding = (await options.embedder.embed([caseText(delta.newCase)]))[0];
    const scores = options.score(result, patient);
    profiles.recordLesson(
      options.profile,
      index,
      delta,
      { index, correct: lesson.correct, diagnosis: result.report?.diagnosis ?? null, trueDiagnosis: lesson.truth.name },
      () => options.runs.saveJourney(runId, 0, result, patient, scores),
    );
    progress.trained = index + 1;
    progress.done++;
    if (lesson.correct) progress.correct++;
    hooks?.onPatient?.(index, lesson.correct, progress);
  }
  const completed = progress.trained >= options.target;
  if (completed) await measure(progress.trained);
  options.runs.setStatus(runId, completed ? 'completed' : 'interrupted');
  return { status: completed ? 'completed' : 'interrupted', progress, curve: profiles.curve(options.profile) };
}

/**
 * The learning step's input, built after the journey: what the doctor last saw and concluded,
 * and the true diagnosis. The only place in training that reads the case's truth for learning.
 */
export function lessonFor(patient: PatientCase, result: JourneyResult, chart: Chart | undefined): JourneyLesson {
  return {
    index: patient.index,
    chart,
    report: result.report,
    correct: diagnosisHits(result.report, patient.truth).top1,
    truth: {
      scenarioId: patient.scenarioId,
      name: patient.truth.diagnosis,
      icd10: patient.truth.icd10,
      department: patient.truth.department,
    },
  };
}

const journeyKeyOf = (patient: PatientCase): string => `s${patient.seed}-p${patient.index}-k0`;

async function runTrainingJourney(
  graph: ReturnType<typeof buildHospitalGraph>,
  patient: PatientCase,
  deps: HospitalDeps,
): Promise<JourneyResult> {
  try {
    return await runJourney(graph, patient, 0, deps);
  } catch (error) {
    const reason = `engine error: ${error instanceof Error ? error.message : String(error)}`;
    return {
      index: patient.index,
      caseId: patient.caseId,
      scenarioId: patient.scenarioId,
      status: 'failed',
      reason,
      events: [{ seq: 0, t: 0, stage: 'arrive', actor: 'system', type: 'error', text: reason }],
    };
  }
}

/** Held-out accuracy of the doctor as it is now (nothing learns while it runs). */
export async function evaluateHeldOut(
  agents: HospitalAgents,
  set: ScenarioSet,
  config: ProfileConfig,
  trained: number,
): Promise<CurvePoint> {
  const deps: HospitalDeps = { agents, catalogue: set.catalogue, options: journeyOptionsOf(config) };
  const graph = buildHospitalGraph(deps);
  let correct = 0;
  let top3 = 0;
  for (let index = 0; index < config.heldOutPatients; index++) {
    const patient = patientFor(set, config.heldOutSeed, index);
    const result = await runTrainingJourney(graph, patient, deps);
    const hits = diagnosisHits(result.report, patient.truth);
    if (hits.top1) correct++;
    if (hits.top3) top3++;
  }
  return { trained, patients: config.heldOutPatients, correct, top3 };
}

/** The run that records a profile's training journeys: created on first training, grown with the target. */
function trainingRun(options: TrainingOptions, existing: string | null, config: ProfileConfig): string {
  if (existing) {
    options.runs.db.prepare('UPDATE runs SET patients = MAX(patients, ?) WHERE id = ?').run(options.target, existing);
    return existing;
  }
  const run = options.runs.createRun({
    name: `training of ${options.profile}`,
    scenarios: config.scenarios,
    scenarioHash: config.scenarioHash,
    scenarioCount: config.scenarioCount,
    seed: config.seed,
    patients: options.target,
    repeats: 1,
    concurrency: 1,
    maxTurns: config.maxTurns,
    maxReferrals: config.maxReferrals,
    facility: config.facility,
    models: { triage: 'builtin', specialist: config.doctor, followUp: 'builtin', patient: 'builtin', examiner: 'builtin' },
    training: { profile: options.profile },
  });
  options.profiles.setRun(options.profile, run.id);
  return run.id;
}

/**
 * The last chart each journey's doctors saw, kept for the learning step: what the doctor itself
 * observed. Copies, since the graph keeps writing to the live chart.
 */
export class ChartMemory {
  private readonly charts = new Map<string, Chart>();

  private remember(chart: Chart, ctx: AgentContext): void {
    this.charts.set(ctx.journeyKey, structuredClone(chart));
  }

  take(journeyKey: string): Chart | undefined {
    const chart = this.charts.get(journeyKey);
    this.charts.delete(journeyKey);
    return chart;
  }

  wrap(agents: HospitalAgents): HospitalAgents {
    return {
      ...agents,
      triage: { triage: (chart, ctx) => (this.remember(chart, ctx), agents.triage.triage(chart, ctx)) },
      specialist: { consult: (chart, ctx) => (this.remember(chart, ctx), agents.specialist.consult(chart, ctx)) },
      followUp: {
        followUp: (chart, report, observation, ctx) => (
          this.remember(chart, ctx),
          agents.followUp.followUp(chart, report, observation, ctx)
        ),
      },
    };
  }
}
