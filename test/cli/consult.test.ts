import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEvent } from '../../domain/journey.js';
import { openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import { consultReport, renderConsultReport } from '../../evaluation/consult-report.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const runId = (stdout: string): string => (JSON.parse(stdout) as { runId: string }).runId;

describe('multidisciplinary consult on the command line', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('rejects a bad mode or threshold (exit 2)', () => {
    expect(runCli(['run', '--patients', '1', '--consult', 'sometimes', '--db', join(dir, 'x.db')]).code).toBe(2);
    const threshold = runCli(['run', '--patients', '1', '--consult-threshold', '1.5', '--db', join(dir, 'x.db')]);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--consult-threshold: value: a confidence from 0 to 1/);
  });

  it('with --consult always a batch completes, every journey carries the opinions, and compare works against the same batch without', () => {
    const db = join(dir, 'consult.db');
    const without = runCli(['run', '--patients', '8', '--seed', '4', '--db', db, '--json', '--quiet', '--workers', '0']);
    expect(without.code, without.stderr).toBe(0);
    const withConsult = runCli([
      'run',
      '--patients',
      '8',
      '--seed',
      '4',
      '--consult',
      'always',
      '--db',
      db,
      '--json',
      '--quiet',
      '--workers',
      '0',
    ]);
    expect(withConsult.code, withConsult.stderr).toBe(0);

    const store = new RunStore(openDatabase(db, { readonly: true }));
    const run = store.resolveRun(runId(withConsult.stdout));
    expect(run.config.consult).toEqual({ mode: 'always', threshold: 0.6, maxConsultants: 3 });
    expect(store.resolveRun(runId(without.stdout)).config.consult).toBeUndefined();
    let journeys = 0;
    for (const row of store.journeys(run.id)) {
      journeys++;
      expect(row.status).toBe('completed');
      const events = store.events(run.id, row.idx, row.sample).filter((event) => isEvent(event, 'consult'));
      const requested = events.find((event) => event.actor === 'doctor')?.data?.requested as string[];
      const opinions = events.filter((event) => event.actor === 'consultant');
      expect(opinions.map((event) => event.data?.department)).toEqual(requested);
      for (const opinion of opinions) expect(opinion.data?.report).toBeDefined();
      const chief = events.filter((event) => event.actor === 'chief');
      expect(chief).toHaveLength(1);
      expect(Object.keys(chief[0].data ?? {})).toEqual(expect.arrayContaining(['before', 'after', 'changed']));
    }
    expect(journeys).toBe(8);
    const report = consultReport(store, run);
    expect(report.consulted.successes).toBe(8);
    expect(report.improved + report.worsened + report.changedStillWrong).toBeLessThanOrEqual(report.changed.successes);
    expect(report.accuracyAfter.successes - report.accuracyBefore.successes).toBe(report.improved - report.worsened);
    expect(renderConsultReport(report)).toMatch(/answer changed/);
    expect(consultReport(store, store.resolveRun(runId(without.stdout))).consulted.successes).toBe(0);
    store.db.close();

    const compared = runCli(['compare', runId(without.stdout), run.id, '--db', db, '--json']);
    expect(compared.code, compared.stderr).toBe(0);
    expect((JSON.parse(compared.stdout) as { paired: number }).paired).toBe(8);
  }, 180_000);
});
