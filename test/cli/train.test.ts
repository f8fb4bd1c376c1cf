import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinLibraryDir } from '../../environment/paths.js';
import { runCli } from '../helpers/cli.js';
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
    expect(again.stdout).toBe(readFileSync(exported, 'utf8'));

    // A run with the profile reads a frozen copy and leaves the profile as it was.
    const run = runCli(['run', '--profile', 'cardio', '--patients', '6', '--seed', '50', '--workers', '0', '--db', db, ...scenarios]);
    expect(run.code, run.stderr).toBe(0);
    expect(runCli(['profiles', 'export', 'cardio', '--db', db]).stdout).toBe(readFileSync(exported, 'utf8'));

    expect(runCli(['profiles', 'delete', 'cardio', '--db', db]).code).toBe(0);
    const missing = runCli(['profiles', 'show', 'cardio', '--db', db]);
    expect(missing.code).toBe(4);
  }, 300_000);
});
