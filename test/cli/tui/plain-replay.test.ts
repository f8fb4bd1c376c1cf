import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticRun } from '../../../bench/replay.js';
import { openDatabase } from '../../../environment/records/database.js';
import { RunStore } from '../../../environment/records/run-store.js';
import { cliEntry, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp.js';

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  temp = tempDir();
  db = `${temp.dir}/records.db`;
  const store = new RunStore(openDatabase(db));
  seedSyntheticRun(store, 12, 'class');
  store.db.close();
});
afterAll(() => temp.cleanup());

describe('hospital replay without a terminal', () => {
  it('prints a journey as a transcript with --plain', () => {
    const result = runCli(['replay', 'class', '--patient', '2', '--plain', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Journey 2 of run');
    expect(result.stdout).toMatch(/#8\s+0:49\s+Examiner\s+Chest X-ray: right lower lobe consolidation/);
    expect(result.stdout).toContain('[revealed at #8]');
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('INVENTED: fact "crackles" never revealed in this journey');
    expect(result.stdout).toContain('True diagnosis: ST-elevation myocardial infarction');
    expect(result.stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(result.stdout).not.toContain(`${String.fromCharCode(27)}[`);
  });

  it('falls back to plain text when stdout is a pipe, and says why', () => {
    const result = runCli(['replay', '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('not a terminal');
    expect(result.stdout.split('\n').filter((line) => /^\d+\s/.test(line))).toHaveLength(12);
  });

  it('never crashes on piped stdin and stdout, and reports a missing run in one line', () => {
    const piped = spawnSync(process.execPath, [cliEntry(), 'replay', 'latest', '--patient', '0', '--db', db], {
      input: 'q',
      encoding: 'utf8',
      env: { ...process.env, CI: '' },
    });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('Journey 0 of run');
    const missing = runCli(['replay', 'nope', '--db', db]);
    expect(missing.stderr).toContain('no run "nope"');
    expect(missing.code).toBe(4);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
