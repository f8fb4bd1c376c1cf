import { join } from 'node:path';
import { createModelRuntime } from '../agents/llm/index.js';
import { builtinLibraryDir } from '../domain/paths.js';
import { openDatabase } from '../environment/records/database.js';
import { RunStore, type RunConfig } from '../environment/records/run-store.js';
import { engineSetupFor } from '../environment/run-setup.js';
import { runBatch } from '../environment/runner.js';
import { loadScenarioFiles } from '../scenarios/loader.js';
import { startFakeOllama, type ChatHandler } from '../test/fakes/ollama-server.js';
import { scriptedHospital } from '../test/fakes/scripted-roles.js';
import { scoreJourney } from '../evaluation/scorers.js';

const model = 'ollama:qwen2.5:7b-instruct';

/** Every scripted role, answering after a fixed latency. */
function withLatency(latencyMs: number): Record<string, ChatHandler> {
  return Object.fromEntries(
    Object.entries(scriptedHospital()).map(([title, handler]) => [
      title,
      async (call) => {
        const reply = await handler(call);
        return 'fault' in reply ? reply : { ...reply, delayMs: latencyMs };
      },
    ]),
  );
}

async function modelBatch(dir: string, name: string, latencyMs: number, slots: number, patients: number, concurrency: number) {
  const server = await startFakeOllama({ bySchema: withLatency(latencyMs) });
  const file = join(builtinLibraryDir(), 'respiratory', 'community-acquired-pneumonia.yaml');
  const set = loadScenarioFiles([file]);
  const db = openDatabase(join(dir, `${name}.db`));
  const store = new RunStore(db);
  const config: RunConfig = {
    scenarios: [file],
    scenarioHash: set.hash,
    scenarioCount: 1,
    seed: 1,
    patients,
    repeats: 1,
    concurrency,
    maxTurns: 8,
    maxReferrals: 1,
    facility: 'tertiary',
    models: { triage: model, specialist: model, followUp: model, patient: 'builtin', examiner: 'builtin' },
  };
  const run = store.createRun(config);
  const runtime = createModelRuntime({ ollamaHost: server.host, db, cacheMode: 'off', concurrencyPerEndpoint: slots, seed: 1, env: {} });
  const started = performance.now();
  await runBatch({ store, run, setup: () => engineSetupFor(config, runtime, set), concurrency, workers: 0, score: scoreJourney });
  const seconds = (performance.now() - started) / 1000;
  const latency = db
    .prepare('SELECT COALESCE(SUM(latency_ms), 0) FROM events WHERE run_id = ? AND model IS NOT NULL')
    .pluck()
    .get(run.id) as number;
  const failed = db.prepare(`SELECT COUNT(*) FROM journeys WHERE run_id = ? AND status = 'failed'`).pluck().get(run.id) as number;
  const calls = server.calls.chat;
  db.close();
  await server.close();
  return { seconds, calls, latencySeconds: latency / 1000, failed };
}

/**
 * Throughput against a model server of fixed latency L with N parallel slots, as a share of the
 * ideal N/L; and the engine's share of wall time in a model-backed run (sequential journeys, so
 * wall time = model time + engine time).
 */
export async function benchModels(dir: string): Promise<Record<string, number>> {
  const latencyMs = 250;
  const slots = 8;
  const throughput = await modelBatch(dir, 'throughput', latencyMs, slots, 200, 64);
  const callsPerSecond = throughput.calls / throughput.seconds;
  const ideal = slots / (latencyMs / 1000);
  const sequential = await modelBatch(dir, 'engine-share', 500, 1, 6, 1);
  return {
    latencyMs,
    slots,
    callsPerSecond,
    idealCallsPerSecond: ideal,
    throughputShareOfIdeal: callsPerSecond / ideal,
    failedJourneys: throughput.failed + sequential.failed,
    engineShareOfWallTime: Math.max(0, sequential.seconds - sequential.latencySeconds) / sequential.seconds,
  };
}
