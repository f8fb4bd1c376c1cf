import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinLibraryDir } from '../../domain/paths.js';
import { Rng } from '../../domain/random.js';
import { startFakeOllama, type FakeOllamaServer } from '../fakes/ollama-server.js';
import { scriptedHospital } from '../fakes/scripted-roles.js';
import { runCliAsync } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const pneumonia = join(builtinLibraryDir(), 'respiratory', 'community-acquired-pneumonia.yaml');
const model = 'ollama:qwen2.5:7b-instruct';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('hospital run with every doctor on Ollama', () => {
  let server: FakeOllamaServer;
  beforeAll(async () => (server = await startFakeOllama({ bySchema: scriptedHospital() })));
  afterAll(() => server.close());

  it('records usage on model events, then serves a second run entirely from the cache with an identical canonical export', async () => {
    const db = join(dir, 'models.db');
    const args = [
      'run',
      '--scenarios',
      pneumonia,
      '--patients',
      '12',
      '--seed',
      '3',
      '--doctor',
      model,
      '--ollama-host',
      server.host,
      '--db',
      db,
      '--json',
      '--quiet',
    ];
    const first = await runCliAsync(args);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ journeys: 12, completed: 12, failed: 0 });
    const callsAfterFirst = server.calls.chat;
    expect(callsAfterFirst).toBeGreaterThan(12 * 3);

    const second = await runCliAsync(args);
    expect(second.code, second.stderr).toBe(0);
    expect(server.calls.chat).toBe(callsAfterFirst);

    const exports: string[] = [];
    for (const ref of [JSON.parse(first.stdout).runId, JSON.parse(second.stdout).runId]) {
      const out = join(dir, `${ref}.jsonl`);
      const result = await runCliAsync(['export', ref, '--canonical', '-o', out, '--db', db]);
      expect(result.code, result.stderr).toBe(0);
      exports.push(readFileSync(out, 'utf8'));
    }
    const firstDifference = exports[1].split('\n').findIndex((line, i) => line !== exports[0].split('\n')[i]);
    expect(firstDifference, 'first differing journey line').toBe(-1);
    const journey = JSON.parse(exports[0].split('\n')[0]);
    const diagnose = journey.events.find((event: { type: string }) => event.type === 'diagnose');
    expect(diagnose.usage).toMatchObject({ model, inTokens: 1200, outTokens: 60 });

    // --replay: a new run from the recorded one, no model calls at all.
    const replay = await runCliAsync([
      'run',
      '--replay',
      JSON.parse(first.stdout).runId,
      '--ollama-host',
      '127.0.0.1:1',
      '--db',
      db,
      '--json',
      '--quiet',
    ]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ journeys: 12, failed: 0 });
    expect(server.calls.chat).toBe(callsAfterFirst);
  }, 120_000);

  it('never stores the API key of an OpenAI-compatible server', async () => {
    const db = join(dir, 'secret.db');
    const result = await runCliAsync(
      ['run', '--scenarios', pneumonia, '--patients', '1', '--doctor', 'openai:http://127.0.0.1:1/v1#m', '--db', db, '--quiet'],
      { env: { OPENAI_API_KEY: 'sk-very-secret-key' } },
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toContain('sk-very-secret-key');
    expect(readFileSync(db).includes('sk-very-secret-key')).toBe(false);
  }, 60_000);
});

describe('hospital run against a faulty model server', () => {
  let server: FakeOllamaServer;
  beforeAll(async () => {
    server = await startFakeOllama({
      bySchema: scriptedHospital(),
      faults: { rng: new Rng(42), rates: { 'http-500': 0.1, hang: 0.05, 'invalid-json': 0.05, 'error-body': 0.02 } },
    });
  });
  afterAll(() => server.close());

  it('finishes 200 patients in bounded time, every journey completed or failed with a reason, and --resume retries only the failed', async () => {
    const db = join(dir, 'faults.db');
    const started = Date.now();
    const first = await runCliAsync([
      'run',
      '--scenarios',
      pneumonia,
      '--patients',
      '200',
      '--seed',
      '5',
      '--doctor',
      model,
      '--ollama-host',
      server.host,
      '--model-timeout',
      '0.3',
      '--concurrency',
      '16',
      '--db',
      db,
      '--json',
      '--quiet',
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(150_000);
    const summary = JSON.parse(first.stdout);
    expect(summary.journeys).toBe(200);
    expect(summary.completed + summary.failed).toBe(200);
    expect(summary.failed).toBeGreaterThan(0);

    const report = JSON.parse((await runCliAsync(['report', summary.runId, '--format', 'json', '--db', db])).stdout);
    for (const reason of Object.keys(report.failureReasons)) expect(reason).toMatch(/^(triage|specialist|followUp): /);

    const resumed = await runCliAsync([
      'run',
      '--resume',
      summary.runId,
      '--ollama-host',
      server.host,
      '--model-timeout',
      '0.3',
      '--db',
      db,
      '--json',
      '--quiet',
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = JSON.parse(resumed.stdout);
    expect(after.ranThisTime).toBe(summary.failed);
    expect(after.journeys).toBe(200);
    expect(after.failed).toBeLessThan(summary.failed);
  }, 300_000);
});
