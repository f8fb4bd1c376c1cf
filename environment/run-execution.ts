import { availableParallelism } from 'node:os';
import { usesModels, type ModelRuntime, type RoleModels } from '../agents/index.js';
import type { JourneyScorer } from '../domain/score.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import type { FlowSettings } from './patient-flow.js';
import { applyPatientFlow } from './records/flow-records.js';
import type { RunRecord, RunStore } from './records/run-store.js';
import { engineSetupFor } from './run-setup.js';
import { runBatch, type BatchHooks, type BatchOutcome } from './runner.js';

export interface ExecuteOptions {
  store: RunStore;
  run: RunRecord;
  /** Model-backed roles; absent for all-builtin runs. */
  runtime?: ModelRuntime;
  /** Already loaded scenarios (saves a reload for new runs). */
  set?: ScenarioSet;
  /** Worker threads; default one per core (max 4) for all-builtin runs, none with models. */
  workers?: number;
  hooks?: BatchHooks;
  /** Grades each journey before it is recorded (evaluation's scoreJourney). */
  score: JourneyScorer;
}

/**
 * Run (or finish) a recorded run: its pending journeys, then what is computed over the whole
 * run (patient flow). The one way a run executes, whichever command starts it.
 */
export async function executeRun(options: ExecuteOptions): Promise<BatchOutcome> {
  const { store, run } = options;
  const builtinOnly = !usesModels(run.config.models as RoleModels);
  const workers = builtinOnly ? (options.workers ?? Math.min(availableParallelism(), 4)) : 0;
  const outcome = await runBatch({
    store,
    run,
    setup: () => engineSetupFor(run.config, options.runtime, options.set),
    score: options.score,
    concurrency: run.config.concurrency,
    workers,
    hooks: options.hooks,
  });
  const flow = run.config.flow as FlowSettings | undefined;
  if (flow && outcome.status === 'completed') applyPatientFlow(store, store.getRun(run.id), flow);
  return outcome;
}
