import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createModelRuntime } from '../../../agents/llm/index.js';
import { openDatabase, type HospitalDatabase } from '../../../environment/records/database.js';
import { RunStore, type RunConfig } from '../../../environment/records/run-store.js';
import { builtinLibraryDir } from '../../../domain/paths.js';
import { engineSetupFor } from '../../../environment/run-setup.js';
import { runBatch } from '../../../environment/runner.js';
import { loadScenarioFiles } from '../../../scenarios/loader.js';
import { startFakeOllama, type FakeOllamaServer } from '../../fakes/ollama-server.js';
import { scriptedHospital } from '../../fakes/scripted-roles.js';
import { tempDir } from '../../helpers/temp.js';
import { scoreJourney } from '../../../evaluation/scorers.js';

const model = 'ollama:qwen2.5:7b-instruct';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const temp = tempDir();
  cleanups.push(temp.cleanup);
  const db: HospitalDatabase = openDatabase(join(temp.dir, 'records.db'));
  cleanups.push(() => db.close());
  const server: FakeOllamaServer = await startFakeOllama({
    bySchema: scriptedHospital(),
  });
  cleanups.push(() => server.close());
  const file = join(builtinLibraryDir(), 'respiratory', 'community-acquired-pneumonia.yaml');
  const set = loadScenarioFiles([file]);
  const config: RunConfig = {
    scenarios: [file],
    scenarioHash: set.hash,
    scenarioCount: 1,
    seed: 7,
    patients: 3,
    repeats: 1,
    concurrency: 3,
    maxTurns: 6,
    maxReferrals: 1,
    facility: 'county',
    models: { triage: model, specialist: model, followUp: model, patient: 'builtin', examiner: 'builtin' },
  };
  return { db, server, set, config, store: new RunStore(db) };
}

describe('a batch with every doctor on Ollama (fake server)', () => {
  it('records model, tokens and latency on the doctors’ events, then replays with no model calls', async () => {
    const { db, server, set, config, store } = await setup();
    const run = store.createRun(config);
    const runtime = createModelRuntime({ ollamaHost: server.host, db, seed: config.seed, env: {} });
    const outcome = await runBatch({
      store,
      run,
      setup: () => engineSetupFor(config, runtime, set),
      concurrency: 3,
      workers: 0,
      score: scoreJourney,
    });
    expect(outcome.status).toBe('completed');
    expect(outcome.progress.failed).toBe(0);

    for (let index = 0; index < config.patients; index++) {
      const events = store.events(run.id, index);
      const doctorEvents = events.filter(
        (event) => ['triage', 'ask', 'order', 'diagnose', 'follow-up'].includes(event.type) && event.actor !== 'patient',
      );
      expect(doctorEvents.map((event) => event.type)).toEqual(expect.arrayContaining(['triage', 'ask', 'order', 'diagnose']));
      for (const event of doctorEvents) {
        expect(event.usage, `${event.type} of journey ${index}`).toMatchObject({ model, cached: false });
        expect(event.usage?.inTokens).toBeGreaterThan(0);
        expect(event.usage?.outTokens).toBeGreaterThan(0);
        expect(event.usage?.latencyMs).toBeGreaterThanOrEqual(0);
      }
      // The built-in patient and examiner use no model.
      for (const event of events.filter((e) => e.type === 'answer' || e.type === 'result')) expect(event.usage).toBeUndefined();
    }
    const calls = server.calls.chat;
    expect(calls).toBeGreaterThanOrEqual(config.patients * 4);
    const cached = db.prepare('SELECT count(*) AS n FROM model_cache').get() as { n: number };
    expect(cached.n).toBe(calls);

    // Replay: the same run again from the cache alone, without touching the network.
    const replay = store.createRun(config);
    const replayRuntime = createModelRuntime({
      ollamaHost: server.host,
      db,
      cacheMode: 'replay',
      seed: config.seed,
      env: {},
      fetch: () => Promise.reject(new Error('replay must not call the model')),
    });
    const replayed = await runBatch({
      store,
      run: replay,
      setup: () => engineSetupFor(config, replayRuntime, set),
      concurrency: 3,
      workers: 0,
      score: scoreJourney,
    });
    expect(replayed.progress.failed).toBe(0);
    expect(server.calls.total).toBe(calls);
    for (let index = 0; index < config.patients; index++) {
      const original = store.events(run.id, index);
      const again = store.events(replay.id, index);
      expect(again.map((event) => event.text)).toEqual(original.map((event) => event.text));
      for (const event of again.filter((e) => e.usage)) expect(event.usage).toMatchObject({ cached: true, latencyMs: 0 });
    }
  });

  it('runs the patient and examiner on a model too, recording their usage and only real fact ids', async () => {
    const { db, server, set, config, store } = await setup();
    const allModels: RunConfig = {
      ...config,
      patients: 2,
      models: { triage: model, specialist: model, followUp: model, patient: model, examiner: model },
    };
    const run = store.createRun(allModels);
    const runtime = createModelRuntime({ ollamaHost: server.host, db, seed: allModels.seed, env: {} });
    const outcome = await runBatch({
      store,
      run,
      setup: () => engineSetupFor(allModels, runtime, set),
      concurrency: 2,
      workers: 0,
      score: scoreJourney,
    });
    expect(outcome.progress.failed).toBe(0);
    for (let index = 0; index < allModels.patients; index++) {
      const events = store.events(run.id, index);
      const answer = events.find((event) => event.type === 'answer' && event.stage === 'consultation');
      expect(answer?.usage).toMatchObject({ model, inTokens: 400, outTokens: 15 });
      expect(answer?.factIds).toHaveLength(1);
      expect(answer?.factIds).not.toContain('not-a-fact');
      const results = events.filter((event) => event.type === 'result');
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect(result.text).toMatch(/Reported: /);
    }
  });
});
