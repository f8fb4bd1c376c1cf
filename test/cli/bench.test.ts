import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinLibraryDir } from '../../domain/paths.js';
import type { Leaderboard } from '../../evaluation/leaderboard.js';
import { startFakeOllama, type FakeOllamaServer } from '../fakes/ollama-server.js';
import { scriptedHospital } from '../fakes/scripted-roles.js';
import { runCliAsync } from './run-cli-async.js';
import { tempDir } from '../helpers/temp.js';
import { runCli } from '../helpers/cli.js';
import { openStore } from '../evaluation/run-fixtures.js';

const model = 'ollama:qwen2.5:7b-instruct';

describe('hospital bench', () => {
  const { dir, cleanup } = tempDir();
  let server: FakeOllamaServer;
  const scenarios = ['respiratory/community-acquired-pneumonia.yaml', 'respiratory/acute-bronchitis.yaml'].map((file) =>
    join(builtinLibraryDir(), file),
  );

  beforeAll(async () => {
    server = await startFakeOllama({ bySchema: scriptedHospital() });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('runs builtin and a model on the same patients, prints the leaderboard and writes Markdown and JSON', async () => {
    const md = join(dir, 'board.md');
    const json = join(dir, 'board.json');
    const args = [
      'bench',
      '--models',
      `builtin,${model}`,
      '--patients',
      '8',
      '--seed',
      '2',
      '--db',
      join(dir, 'bench.db'),
      '--ollama-host',
      server.host,
      '--model-timeout',
      '20',
      '-o',
      md,
      '-o',
      json,
    ];
    for (const file of scenarios) args.push('--scenarios', file);
    // The fake server runs in this process, so the CLI must not block the event loop: run it asynchronously.
    const result = await runCliAsync(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Model\s+Accuracy \[95 % CI\]/);
    expect(result.stdout).toContain(model);
    expect(result.stdout).toContain('Pareto frontier');
    const board = JSON.parse(readFileSync(json, 'utf8')) as Leaderboard;
    expect(board.rows.map((row) => row.model).sort()).toEqual(['builtin', model].sort());
    expect(board.patients).toBe(8);
    const llm = board.rows.find((row) => row.model === model);
    const builtin = board.rows.find((row) => row.model === 'builtin');
    expect(llm?.journeys).toBe(8);
    expect(llm?.tokensPerCase).toBeGreaterThan(0);
    expect(llm?.meanLatencyMs).toBeGreaterThanOrEqual(0);
    expect(builtin?.tokensPerCase).toBe(0);
    expect(llm?.vsBuiltin).not.toBeNull();
    expect(board.frontier.length).toBeGreaterThan(0);
    expect(server.calls.chat).toBeGreaterThan(0);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain('| Model | Accuracy [95 % CI] |');
    expect(markdown).toContain(`| ${model} |`);
    expect(markdown).toContain('| builtin |');
  }, 180_000);

  it('checks every model before running any: a model the server lacks stops the bench with exit 3', async () => {
    const db = join(dir, 'missing.db');
    const result = await runCliAsync([
      'bench',
      '--models',
      'ollama:no-such-model:1b',
      '--patients',
      '2',
      '--db',
      db,
      '--ollama-host',
      server.host,
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no-such-model');
    const store = openStore(db);
    expect(store.listRuns()).toHaveLength(0);
    store.db.close();
  }, 60_000);

  it('rejects a bad model spec and an output it cannot write, in one line with exit 2', () => {
    const bad = runCli(['bench', '--models', 'gpt4', '--db', join(dir, 'x.db')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--models');
    const out = runCli(['bench', '--models', 'builtin', '-o', join(dir, 'board.pdf'), '--db', join(dir, 'x.db')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('board.pdf');
  });
});
