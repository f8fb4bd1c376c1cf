import { runConfigFor } from '../environment/run-config.js';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { allBuiltin } from '../agents/index.js';
import { JourneyEngine } from '../environment/engine.js';
import { initialState, buildHospitalGraph } from '../environment/hospital-graph.js';
import { openDatabase } from '../environment/records/database.js';
import { RunStore, type RunConfig } from '../environment/records/run-store.js';
import { engineSetupFor } from '../environment/run-setup.js';
import { runBatch } from '../environment/runner.js';
import { buildRunReport } from '../evaluation/run-report.js';
import { loadScenarioSources } from '../scenarios/sources.js';
import { patientFor } from '../environment/engine.js';
import { scoreJourney } from '../evaluation/scorers.js';

export function builtinConfig(set: ReturnType<typeof loadScenarioSources>, patients: number, seed: number): RunConfig {
  return runConfigFor(set, {
    name: 'bench',
    seed,
    patients,
    concurrency: 16,
    maxTurns: 20,
    facility: 'tertiary',
    models: { ...allBuiltin },
  });
}

/** Throughput, memory and accuracy of a large built-in batch, recorded to a real SQLite file. */
export async function benchBuiltinBatch(dir: string, patients: number): Promise<Record<string, number>> {
  const set = loadScenarioSources([]);
  const store = new RunStore(openDatabase(join(dir, 'bench.db')));
  const run = store.createRun(builtinConfig(set, patients, 7));
  const workers = Math.min(availableParallelism(), 4);
  const started = performance.now();
  const outcome = await runBatch({
    store,
    run,
    setup: () => engineSetupFor(run.config, undefined, set),
    concurrency: 16,
    workers,
    score: scoreJourney,
  });
  const seconds = (performance.now() - started) / 1000;
  const report = buildRunReport(store, store.getRun(run.id));
  store.db.close();
  return {
    journeys: outcome.progress.done,
    workers,
    seconds,
    journeysPerSecond: outcome.progress.done / seconds,
    accuracy: report.metrics.accuracy.value,
    top3: report.metrics.top3.value,
    failed: report.failed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** Graph supersteps per journey and the time each costs, measured in-process on a sample. */
export async function benchSupersteps(sample: number): Promise<Record<string, number>> {
  const set = loadScenarioSources([]);
  const setup = engineSetupFor(builtinConfig(set, sample, 11), undefined, set);
  const deps = { agents: setup.agents, catalogue: set.catalogue, options: setup.options };
  const graph = buildHospitalGraph(deps);
  let steps = 0;
  const started = performance.now();
  for (let index = 0; index < sample; index++) {
    const patient = patientFor(set, 11, index);
    for await (const _update of await graph.stream(initialState(patient, 0, deps), { streamMode: 'updates', recursionLimit: 100 })) steps++;
  }
  const journeyMs = (performance.now() - started) / sample;
  // The same journeys without the graph's streaming, for the cost of the agents alone.
  const engine = new JourneyEngine(setup);
  const t0 = performance.now();
  for (let index = 0; index < sample; index++) await engine.run(index, 0);
  const engineMs = (performance.now() - t0) / sample;
  return {
    supersteps: steps / sample,
    msPerJourney: journeyMs,
    msPerSuperstep: journeyMs / (steps / sample),
    msPerJourneyInvoke: engineMs,
  };
}

/** The built-in specialist's top-1 accuracy on the starter set (the first scenarios of six departments). */
export async function benchStarterAccuracy(dir: string, starterIds: readonly string[], patients: number): Promise<Record<string, number>> {
  const full = loadScenarioSources([]);
  const files = full.scenarios.filter((scenario) => starterIds.includes(scenario.id)).map((scenario) => scenario.file);
  const set = loadScenarioSources(files);
  const store = new RunStore(openDatabase(join(dir, 'starter.db')));
  const run = store.createRun(builtinConfig(set, patients, 1));
  await runBatch({ store, run, setup: () => engineSetupFor(run.config, undefined, set), concurrency: 16, workers: 0, score: scoreJourney });
  const report = buildRunReport(store, store.getRun(run.id));
  store.db.close();
  return { scenarios: set.scenarios.length, patients, accuracy: report.metrics.accuracy.value, top3: report.metrics.top3.value };
}
