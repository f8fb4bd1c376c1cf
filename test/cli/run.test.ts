import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { scenarioFixture, writeYaml } from '../helpers/fixtures.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** A bad-input failure: exit 2, one line on stderr, no stack trace. */
function expectOneLineError(result: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('hospital run', () => {
  it('runs a batch offline, prints a summary, and reports it as JSON', () => {
    const db = `${dir}/a.db`;
    const result = runCli(['run', '--patients', '60', '--seed', '7', '--db', db]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Run r\S+ completed: 60 journeys/);
    expect(result.stdout).toMatch(/Run id: r/);
    const report = runCli(['report', 'latest', '--format', 'json', '--db', db]);
    expect(report.code, report.stderr).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json.journeys).toBe(60);
    expect(json.completed + json.failed).toBe(60);
    expect(json.metrics.accuracy.ci95).toHaveLength(2);
    expect(json.metrics.accuracy.value).toBeGreaterThan(0.3);
    expect(typeof json.metrics.top3.value).toBe('number');
    expect(typeof json.metrics.triageDepartment.value).toBe('number');
    expect(json.metrics.meanTurns).toBeGreaterThan(1);
    expect(typeof json.metrics.meanTestCost).toBe('number');
    expect(Object.keys(json.byDepartment).length).toBeGreaterThan(1);
    expect(typeof json.runId).toBe('string');
  });

  it('exports byte-identical canonical files for the same seed, and other patients for another seed', () => {
    const db = `${dir}/b.db`;
    for (const seed of ['5', '5', '6']) expect(runCli(['run', '--patients', '25', '--seed', seed, '--db', db, '--quiet']).code).toBe(0);
    const runs = JSON.parse(runCli(['runs', '--json', '--db', db]).stdout) as { id: string }[];
    const exports = runs.map((run) => {
      const out = `${dir}/${run.id}.jsonl`;
      expect(runCli(['export', run.id, '--canonical', '-o', out, '--db', db]).code).toBe(0);
      return readFileSync(out, 'utf8');
    });
    expect(exports[0].split('\n').filter(Boolean)).toHaveLength(25);
    expect(exports[1]).toBe(exports[0]);
    expect(exports[2]).not.toBe(exports[0]);
    const cases = (text: string) =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.stringify(JSON.parse(line).case));
    expect(cases(exports[2])).not.toEqual(cases(exports[0]));
  });

  it('rejects bad input with one line and exit code 2', () => {
    const db = `${dir}/c.db`;
    expectOneLineError(runCli(['run', '--patients', '-5', '--db', db]), /--patients: value: an integer ≥ 1 \(got "-5"\)/);
    expectOneLineError(runCli(['run', '--scenarios', `${dir}/missing`, '--db', db]), /missing: path: an existing scenario file or folder/);
    const broken = writeYaml(dir, 'broken/x.yaml', 'id: x\n  title: [\n');
    expectOneLineError(runCli(['run', '--scenarios', broken, '--db', db]), /broken\/x\.yaml:\d+: yaml: valid YAML/);
    const typed = writeYaml(dir, 'typed/x.yaml', { ...scenarioFixture(), acuity: 'urgent' });
    expectOneLineError(runCli(['run', '--scenarios', typed, '--db', db]), /typed\/x\.yaml:\d+: acuity: expected number/);
    const fixture = scenarioFixture();
    fixture.findings[0] = { ...fixture.findings[0], p: 1.5 };
    const probability = writeYaml(dir, 'prob/x.yaml', fixture);
    expectOneLineError(
      runCli(['run', '--scenarios', probability, '--db', db]),
      /prob\/x\.yaml:\d+: findings\.0\.p: expected a probability from 0 to 1/,
    );
    const unknownTest = writeYaml(dir, 'test/x.yaml', scenarioFixture({ tests: [{ test: 'mind-reading', finding: 'x', text: 'x' }] }));
    expectOneLineError(
      runCli(['run', '--scenarios', unknownTest, '--db', db]),
      /tests\.0\.test: a test id from the catalogue \("mind-reading" is not in it\)/,
    );
    writeYaml(dir, 'dup/a.yaml', scenarioFixture());
    writeYaml(dir, 'dup/b.yaml', scenarioFixture());
    expectOneLineError(runCli(['run', '--scenarios', `${dir}/dup`, '--db', db]), /dup\/b\.yaml: id: a scenario id unique in the set/);
    expectOneLineError(runCli(['run', '--facility', 'moon', '--db', db]), /--facility: value: one of village, county, tertiary/);
    const debug = runCli(['run', '--scenarios', `${dir}/missing`, '--db', db, '--debug']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('resumes a batch killed with SIGKILL to exactly the asked number of journeys', async () => {
    const db = `${dir}/kill.db`;
    // Enough journeys that the kill lands mid-batch (well before the end), few enough to resume quickly.
    const patients = 800;
    const child = startCli(['run', '--patients', String(patients), '--seed', '9', '--db', db, '--quiet']);
    const countRecorded = (): number => {
      try {
        const handle = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return handle.prepare('SELECT COUNT(*) FROM journeys').pluck().get() as number;
        } finally {
          handle.close();
        }
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 60_000;
    while (countRecorded() < 100 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const before = countRecorded();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(patients);

    const runs = JSON.parse(runCli(['runs', '--json', '--db', db]).stdout) as { id: string; status: string }[];
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('running');
    const resumed = runCli(['run', '--resume', runs[0].id, '--db', db, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(resumed.stdout);
    expect(summary.journeys).toBe(patients);
    expect(summary.ranThisTime).toBe(patients - before);

    const handle = new Database(db, { readonly: true });
    expect(handle.prepare('SELECT COUNT(*) FROM journeys').pluck().get()).toBe(patients);
    expect(handle.prepare('SELECT COUNT(DISTINCT idx) FROM journeys').pluck().get()).toBe(patients);
    expect(handle.prepare('SELECT MIN(idx), MAX(idx) FROM journeys').raw().get()).toEqual([0, patients - 1]);
    expect(handle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(handle.prepare('SELECT status FROM runs').pluck().get()).toBe('completed');
    handle.close();
  }, 180_000);

  it('refuses settings that would change a resumed run', () => {
    const db = `${dir}/d.db`;
    expect(runCli(['run', '--patients', '5', '--db', db, '--quiet']).code).toBe(0);
    expectOneLineError(
      runCli(['run', '--resume', 'latest', '--patients', '9', '--db', db]),
      /--resume: --patients: no such option with --resume/,
    );
  });
});
