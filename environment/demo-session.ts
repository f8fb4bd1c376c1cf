import { randomBytes } from 'node:crypto';
import { Command, type BaseCheckpointSaver } from '@langchain/langgraph';
import { allBuiltin, type RoleModels } from '../agents/index.js';
import type { HospitalAgents } from '../agents/roles.js';
import { HumanSpecialist } from '../agents/human/human-doctor.js';
import { HumanPatient } from '../agents/human/human-patient.js';
import type { HumanTurnRequest } from '../agents/human/turn-requests.js';
import type { JourneyScorer, Score } from '../domain/score.js';
import { generateCase } from '../scenarios/generator.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import type { PatientCase } from '../domain/patient-case.js';
import { patientFor } from './engine.js';
import { InputError, NotFoundError } from '../domain/errors.js';
import { buildHospitalGraph, initialState, journeyResult, runJourney, type HospitalGraph } from './hospital-graph.js';
import type { JourneyEvent, JourneyResult } from '../domain/journey.js';
import type { HospitalDeps, JourneyOptions, JourneyState } from './journey-state.js';
import type { RunRecord, RunStore } from './records/run-store.js';

/**
 * One journey run live for a class: a person may play the doctor or the patient through LangGraph's
 * `interrupt()`; a checkpointer (in the records file) keeps the journey so the demo can stop and
 * resume later by its id. At the end the journey is recorded in a demo run and scored next to what
 * the built-in agents do with the same patient.
 */

export type DemoRole = 'doctor' | 'patient' | 'none';

export interface DemoSettings {
  scenarioId?: string;
  seed: number;
  play: DemoRole;
  /** Model spec of the doctors the person does not play (`builtin` by default). */
  doctor: string;
}

export interface DemoDeps {
  store: RunStore;
  checkpointer: BaseCheckpointSaver;
  set: ScenarioSet;
  options: JourneyOptions;
  /** Agents for model specs per role (built-in, or model-backed through the CLI's runtime). */
  agentsFor(models: RoleModels): HospitalAgents;
  /** Grades the finished journeys (evaluation's scoreJourney). */
  score: JourneyScorer;
}

export interface JourneyScore {
  result: JourneyResult;
  scores: Score[];
}

export interface DemoOutcome {
  run: RunRecord;
  /** Slot of the recorded journey in the demo run (`hospital replay <run> --patient N`). */
  idx: number;
  person: JourneyScore;
  builtin: JourneyScore;
  patient: PatientCase;
}

export interface DemoUpdate {
  /** Every event recorded so far, in order. */
  events: JourneyEvent[];
  /** What the person is asked now; absent when the journey has ended. */
  prompt?: HumanTurnRequest;
  outcome?: DemoOutcome;
}

/** The run each kind of demo is recorded in. */
export const demoRunName = (play: DemoRole): string => (play === 'doctor' ? 'demo' : play === 'patient' ? 'demo-patient' : 'demo-watch');

/** Roles' model specs for a demo: the person's role is `human`, the other doctors `settings.doctor`. */
export function demoModels(settings: DemoSettings): RoleModels {
  const doctors = { triage: settings.doctor, specialist: settings.doctor, followUp: settings.doctor };
  const models: RoleModels = { ...allBuiltin, ...doctors };
  if (settings.play === 'doctor') models.specialist = 'human';
  if (settings.play === 'patient') models.patient = 'human';
  return models;
}

export function demoPatient(set: ScenarioSet, settings: DemoSettings): PatientCase {
  if (!settings.scenarioId) return patientFor(set, settings.seed, 0);
  const scenario = set.scenarios.find((candidate) => candidate.id === settings.scenarioId);
  if (!scenario)
    throw new InputError('--scenario', 'value', `a scenario id of the library (see "hospital scenarios"); no "${settings.scenarioId}"`);
  return generateCase(scenario, settings.seed, 0);
}

const newDemoId = (): string => `demo-${randomBytes(3).toString('hex')}`;

export class DemoSession {
  private readonly graph: HospitalGraph;
  private readonly deps: HospitalDeps;
  private outcome?: DemoOutcome;

  private constructor(
    private readonly demo: DemoDeps,
    readonly id: string,
    readonly settings: DemoSettings,
    readonly patient: PatientCase,
  ) {
    const models = demoModels(settings);
    const agents = demo.agentsFor({
      ...models,
      specialist: models.specialist === 'human' ? 'builtin' : models.specialist,
      patient: models.patient === 'human' ? 'builtin' : models.patient,
    });
    if (settings.play === 'doctor') agents.specialist = new HumanSpecialist();
    if (settings.play === 'patient') agents.patient = new HumanPatient();
    this.deps = { agents, catalogue: demo.set.catalogue, options: demo.options };
    this.graph = buildHospitalGraph(this.deps, demo.checkpointer);
  }

  /** A new demo journey; nothing runs until the first `advance()`. */
  static create(demo: DemoDeps, settings: DemoSettings, id = newDemoId()): DemoSession {
    const session = new DemoSession(demo, id, settings, demoPatient(demo.set, settings));
    saveDemoSettings(demo.store, id, settings);
    return session;
  }

  /** A demo stopped earlier, from its checkpoint in the records file. */
  static async resume(demo: DemoDeps, id: string): Promise<DemoSession> {
    const tuple = await demo.checkpointer.getTuple({ configurable: { thread_id: id } });
    const settings = demoSettings(demo.store, id);
    if (!tuple || !settings) throw new NotFoundError(`no demo "${id}" to resume in this records file`);
    const values = tuple.checkpoint.channel_values as { patient?: PatientCase };
    if (!values.patient) throw new NotFoundError(`demo "${id}" has no patient yet; start a new one`);
    return new DemoSession(demo, id, settings, values.patient);
  }

  private get config() {
    return { configurable: { thread_id: this.id }, recursionLimit: 200 };
  }

  /**
   * Run until the person is asked something or the journey ends. `reply` answers the pending
   * question (none on the first call and after a resume). `onEvents` sees the events as each
   * graph step ends.
   */
  async advance(reply?: unknown, onEvents?: (events: JourneyEvent[]) => void): Promise<DemoUpdate> {
    const snapshot = await this.graph.getState(this.config);
    const started = snapshot.values && (snapshot.values as Partial<JourneyState>).patient !== undefined;
    const pending = pendingRequest(snapshot.tasks);
    let input: unknown = null;
    if (!started) input = initialState(this.patient, 0, this.deps);
    else if (pending && reply !== undefined) input = new Command({ resume: reply });
    else if (pending || snapshot.next.length === 0) return this.update();

    const events: JourneyEvent[] = [...((snapshot.values as Partial<JourneyState>)?.events ?? [])];
    const stream = await this.graph.stream(input as Parameters<HospitalGraph['stream']>[0], { ...this.config, streamMode: 'updates' });
    for await (const chunk of stream as AsyncIterable<Record<string, { events?: JourneyEvent[] } | undefined>>) {
      for (const [node, update] of Object.entries(chunk)) {
        if (node === '__interrupt__' || !update?.events?.length) continue;
        events.push(...update.events);
        onEvents?.([...events]);
      }
    }
    return this.update();
  }

  /** Where the demo stands, without running anything. */
  async update(): Promise<DemoUpdate> {
    const snapshot = await this.graph.getState(this.config);
    const state = snapshot.values as JourneyState;
    const events = state?.events ?? [];
    const prompt = pendingRequest(snapshot.tasks);
    if (prompt || snapshot.next.length > 0) return { events, prompt };
    this.outcome ??= await this.finish(state);
    return { events, outcome: this.outcome };
  }

  /** Record the journey in the demo run and score it next to the built-in agents on the same patient. */
  private async finish(state: JourneyState): Promise<DemoOutcome> {
    const store = this.demo.store;
    const run = demoRun(store, this.settings);
    const idx = store.db.prepare('SELECT COALESCE(MAX(idx) + 1, 0) FROM journeys WHERE run_id = ?').pluck().get(run.id) as number;
    const result = { ...journeyResult(state), index: idx };
    const scores = this.demo.score(result, this.patient);
    store.saveJourney(run.id, 0, result, this.patient, scores);
    store.db.prepare('UPDATE runs SET patients = MAX(patients, ?) WHERE id = ?').run(idx + 1, run.id);
    store.setStatus(run.id, 'completed');

    const builtinAgents = this.demo.agentsFor({
      ...allBuiltin,
      ...(this.settings.play === 'patient' ? demoModels({ ...this.settings, play: 'none' }) : {}),
    });
    const builtinDeps: HospitalDeps = { agents: builtinAgents, catalogue: this.demo.set.catalogue, options: this.demo.options };
    const builtinResult = await runJourney(buildHospitalGraph(builtinDeps), this.patient, 0, builtinDeps);
    return {
      run: store.getRun(run.id),
      idx,
      person: { result, scores },
      builtin: { result: builtinResult, scores: this.demo.score(builtinResult, this.patient) },
      patient: this.patient,
    };
  }
}

/*
 * A demo's settings are kept next to its checkpoints (table demo_sessions, migration 4) so
 * `--resume <id>` rebuilds the same agents; LangGraph's checkpoint metadata does not carry them.
 */

function saveDemoSettings(store: RunStore, id: string, settings: DemoSettings): void {
  store.db
    .prepare('INSERT OR REPLACE INTO demo_sessions (id, settings, created_at) VALUES (?, ?, ?)')
    .run(id, JSON.stringify(settings), new Date().toISOString());
}

function demoSettings(store: RunStore, id: string): DemoSettings | undefined {
  const row = store.db.prepare('SELECT settings FROM demo_sessions WHERE id = ?').pluck().get(id) as string | undefined;
  return row ? (JSON.parse(row) as DemoSettings) : undefined;
}

function pendingRequest(tasks: readonly { interrupts?: readonly { value?: unknown }[] }[]): HumanTurnRequest | undefined {
  for (const task of tasks) for (const pending of task.interrupts ?? []) return pending.value as HumanTurnRequest;
  return undefined;
}

/** The demo run of this kind, created on first use. */
function demoRun(store: RunStore, settings: DemoSettings): RunRecord {
  const name = demoRunName(settings.play);
  const existing = store.db.prepare('SELECT id FROM runs WHERE name = ? ORDER BY created_at LIMIT 1').pluck().get(name) as
    string | undefined;
  if (existing) return store.getRun(existing);
  return store.createRun({
    name,
    scenarios: ['builtin'],
    scenarioHash: '',
    scenarioCount: 0,
    seed: settings.seed,
    patients: 0,
    repeats: 1,
    concurrency: 1,
    maxTurns: 20,
    maxReferrals: 1,
    facility: 'tertiary',
    models: demoModels(settings),
    demo: true,
  });
}
