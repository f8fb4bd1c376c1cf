import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../evaluation/compare.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { openStore, recordFixtureRun } from '../evaluation/run-fixtures.js';

const runId = (stdout: string): string => (JSON.parse(stdout) as { runId: string }).runId;

describe('hospital compare', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  describe('on recorded runs', () => {
    const db = join(dir, 'fixtures.db');
    const ids: Record<string, string> = {};
    beforeAll(() => {
      const store = openStore(db);
      ids.strong = recordFixtureRun(store, { config: { name: 'strong' }, skill: 0.95, doctorSeed: 1 }).id;
      ids.weak = recordFixtureRun(store, { config: { name: 'weak' }, skill: 0.5, doctorSeed: 2 }).id;
      ids.otherSeed = recordFixtureRun(store, { config: { name: 'other-seed', seed: 12 } }).id;
      ids.otherScenarios = recordFixtureRun(store, { config: { name: 'other-scenarios', scenarioHash: 'fixture-hash-0002' } }).id;
      // Same seed and scenario hash, but slot 3 holds another patient: records that were tampered with or merged wrongly.
      ids.tampered = recordFixtureRun(store, { config: { name: 'tampered' } }).id;
      store.db.prepare(`UPDATE journeys SET case_id = 'someone-else' WHERE run_id = ? AND idx = 3`).run(ids.tampered);
      store.db.close();
    });

    it('reports the paired difference with its interval and McNemar’s test', () => {
      const result = runCli(['compare', 'strong', 'weak', '--db', db, '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const c = JSON.parse(result.stdout) as Comparison;
      expect(c.paired).toBe(60);
      const accuracy = c.metrics.accuracy;
      const { both, onlyA, onlyB, neither } = accuracy.table;
      expect(both + onlyA + onlyB + neither).toBe(60);
      expect(accuracy.difference).toBeCloseTo((onlyB - onlyA) / 60, 12);
      expect(accuracy.difference).toBeLessThan(0);
      expect(accuracy.ci95[0]).toBeLessThan(accuracy.difference);
      expect(accuracy.ci95[1]).toBeGreaterThan(accuracy.difference);
      expect(accuracy.mcnemar.pValue).toBeLessThan(0.05);
      const text = runCli(['compare', 'strong', 'weak', '--db', db]).stdout;
      expect(text).toMatch(/Accuracy \(top-1\)\s+\d+\.\d %\s+\d+\.\d %\s+−\d+\.\d pts \[/);
      expect(text).toContain('right only in A');
    });

    it('gives difference 0 and p = 1 for a run compared with itself', () => {
      const c = JSON.parse(runCli(['compare', 'strong', 'strong', '--db', db, '--json']).stdout) as Comparison;
      expect(c.metrics.accuracy.difference).toBe(0);
      expect(c.metrics.accuracy.mcnemar.pValue).toBe(1);
    });

    for (const [other, reason] of [
      ['otherSeed', 'their seeds differ (11 vs 12)'],
      ['otherScenarios', 'their scenario sets differ'],
      ['tampered', 'patient slot 3 holds case s11-p3 in one and someone-else in the other'],
    ] as const) {
      it(`refuses to pair runs whose patients differ: ${other}`, () => {
        const result = runCli(['compare', 'strong', ids[other], '--db', db]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain('must draw the same patients');
        expect(lines[0]).toContain(reason);
      });
    }
  });

  describe('on runs of the built-in agents', () => {
    const db = join(dir, 'builtin.db');

    it('two runs of the same model on the same seed: difference 0, p = 1', () => {
      const first = runCli(['run', '--patients', '40', '--seed', '4', '--db', db, '--json', '--quiet']);
      expect(first.code, first.stderr).toBe(0);
      const second = runCli(['run', '--patients', '40', '--seed', '4', '--db', db, '--json', '--quiet']);
      const c = JSON.parse(runCli(['compare', runId(first.stdout), runId(second.stdout), '--db', db, '--json']).stdout) as Comparison;
      expect(c.paired).toBe(40);
      for (const metric of Object.values(c.metrics)) {
        expect(metric.difference).toBe(0);
        expect(metric.mcnemar.pValue).toBe(1);
      }
      expect(c.means.testCost.difference.value).toBe(0);
      expect(c.configDifferences).toEqual({});
    }, 180_000);

    it('the built-in doctor against a crippled one (--max-turns 1): a significant gap', () => {
      const full = runCli(['run', '--patients', '400', '--seed', '5', '--db', db, '--json', '--quiet'], { timeoutMs: 240_000 });
      expect(full.code, full.stderr).toBe(0);
      const crippled = runCli(['run', '--patients', '400', '--seed', '5', '--max-turns', '1', '--db', db, '--json', '--quiet'], {
        timeoutMs: 240_000,
      });
      expect(crippled.code, crippled.stderr).toBe(0);
      const c = JSON.parse(runCli(['compare', runId(full.stdout), runId(crippled.stdout), '--db', db, '--json']).stdout) as Comparison;
      expect(c.configDifferences.maxTurns).toEqual([20, 1]);
      expect(c.metrics.accuracy.difference).toBeLessThan(0);
      expect(c.metrics.accuracy.ci95[1]).toBeLessThan(0);
      expect(c.metrics.accuracy.mcnemar.pValue).toBeLessThan(0.05);
    }, 600_000);
  });
});
