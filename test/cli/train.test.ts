import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinLibraryDir } from '../../domain/paths.js';
import Database from 'better-sqlite3';
import { runCli, runCliAsync, startCli } from '../helpers/cli.js';
import { startFakeOllama } from '../fakes/ollama-server.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** A cardiology corner of the library: quick journeys, real scenarios. */
const scenarios = ['acute-heart-failure', 'aortic-stenosis', 'atrial-fibrillation', 'acute-pericarditis'].flatMap((id) => [
  '--scenarios',
  join(builtinLibraryDir(), 'cardiology', `${id}.yaml`),
]);

describe('hospital train and hospital profiles', () => {
  it('trains, continues where it stopped, shows, shares and freezes a profile', () => {
    const db = join(dir, 'h.db');
    const common = ['--profile', 'cardio', '--window', '5', '--held-out', '6', '--known-key-findings', '0', '--db', db];
    const first = runCli(['train', ...common, '--patients', '10', ...scenarios]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Learning curve of profile cardio/);
    expect(first.stdout).toMatch(/version 10, 10 patients learned from \(completed\)/);

    // Rerunning continues from where the profile stands, with the scenarios it was started with.
    const more = runCli(['train', '--profile', 'cardio', '--patients', '15', '--db', db]);
    expect(more.code, more.stderr).toBe(0);
    expect(more.stderr).toMatch(/from patient 10 to 15/);
    expect(more.stdout).toMatch(/version 15, 15 patients learned from/);

    const changed = runCli(['train', '--profile', 'cardio', '--patients', '20', '--seed', '9', '--db', db]);
    expect(changed.code).toBe(2);
    expect(changed.stderr.trim().split('\n')).toHaveLength(1);
    expect(changed.stderr).toMatch(/--seed: value: 1, as the profile was started with/);

    const list = runCli(['profiles', 'list', '--json', '--db', db]);
    expect(list.code, list.stderr).toBe(0);
    const [row] = JSON.parse(list.stdout) as { name: string; trained: number; doctor: string }[];
    expect(row).toMatchObject({ name: 'cardio', trained: 15, doctor: 'builtin' });

    const show = runCli(['profiles', 'show', 'cardio', '--db', db]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/held-out +[▁▂▃▄▅▆▇█]{4}/);

    const exported = join(dir, 'cardio.json');
    expect(runCli(['profiles', 'export', 'cardio', '-o', exported, '--db', db]).code).toBe(0);
    const other = join(dir, 'other.db');
    const imported = runCli(['profiles', 'import', exported, '--db', other]);
    expect(imported.code, imported.stderr).toBe(0);
    const again = runCli(['profiles', 'export', 'cardio', '--db', other]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(readFileSync(exported, 'utf8'));

    // A run with the profile reads a frozen copy and leaves the profile as it was.
    const run = runCli(['run', '--profile', 'cardio', '--patients', '6', '--seed', '50', '--workers', '0', '--db', db, ...scenarios]);
    expect(run.code, run.stderr).toBe(0);
    const after = runCli(['profiles', 'export', 'cardio', '--db', db]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toBe(readFileSync(exported, 'utf8'));

    expect(runCli(['profiles', 'delete', 'cardio', '--db', db]).code).toBe(0);
    const missing = runCli(['profiles', 'show', 'cardio', '--db', db]);
    expect(missing.code).toBe(4);
  }, 300_000);

  it('continues after a kill -9 and ends with the same profile as an uninterrupted training', async () => {
    const args = (db: string): string[] => [
      'train',
      '--profile',
      'k',
      '--patients',
      '24',
      '--window',
      '8',
      '--held-out',
      '4',
      '--known-key-findings',
      '0',
      '--db',
      db,
      ...scenarios,
    ];
    const whole = join(dir, 'whole.db');
    expect(runCli(args(whole)).code).toBe(0);

    const killed = join(dir, 'killed.db');
    const child = startCli(args(killed));
    const trained = (): number => {
      try {
        const db = new Database(killed, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('SELECT trained FROM profiles WHERE name = ?').pluck().get('k') as number | undefined) ?? 0;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    for (let waited = 0; trained() < 5 && waited < 200; waited++) await new Promise((resolve) => setTimeout(resolve, 250));
    child.kill('SIGKILL');
    await exited;
    const stoppedAt = trained();
    expect(stoppedAt).toBeGreaterThanOrEqual(5);
    expect(stoppedAt).toBeLessThan(24);

    const resumed = runCli(args(killed));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`from patient ${stoppedAt} to 24`);
    const [a, b] = [runCli(['profiles', 'export', 'k', '--db', killed]), runCli(['profiles', 'export', 'k', '--db', whole])];
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  }, 300_000);

  it('trains a model doctor against an Ollama server, with past cases and lessons in its later prompts', async () => {
    const report = {
      diagnosis: 'Atrial fibrillation',
      icd10: 'I48.9',
      confidence: 0.6,
      differential: [
        { name: 'Atrial fibrillation', p: 0.6 },
        { name: 'Acute heart failure', p: 0.4 },
      ],
      evidence: [{ factId: null, text: 'palpitations', supports: true }],
      reasoning: 'Palpitations with an irregular pulse.',
      plan: 'Suggest rate control for physician review.',
      escalated: [],
      disclaimer: 'Simulated assessment, not medical advice; a licensed physician must review it.',
    };
    const server = await startFakeOllama({ chat: () => ({ content: JSON.stringify({ action: 'diagnose', report }) }) });
    try {
      const db = join(dir, 'llm.db');
      const result = await runCliAsync(
        [
          'train',
          '--profile',
          'llm',
          '--doctor',
          'ollama:qwen2.5:7b-instruct',
          '--patients',
          '6',
          '--held-out',
          '0',
          '--db',
          db,
          ...scenarios,
        ],
        {
          env: { OLLAMA_HOST: server.host },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Profile llm: version 6, 6 patients learned from \(completed\)/);
      const prompts = server.chats.map((chat) => chat.body.messages.map((message) => message.content).join('\n'));
      expect(prompts.length).toBeGreaterThanOrEqual(6);
      expect(prompts[0]).not.toContain('Experience from your past patients');
      expect(prompts.slice(1).some((prompt) => prompt.includes('Experience from your past patients'))).toBe(true);
      const show = runCli(['profiles', 'show', 'llm', '--json', '--db', db]);
      expect(JSON.parse(show.stdout)).toMatchObject({ trained: 6, config: { doctor: 'ollama:qwen2.5:7b-instruct' } });
    } finally {
      await server.close();
    }
  }, 300_000);
});
