import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../evaluation/compare.js';
import { buildLeaderboard, paretoFrontier } from '../../evaluation/leaderboard.js';
import { renderReport } from '../../evaluation/report-formats.js';
import { buildRunReport } from '../../evaluation/run-report.js';
import { scoreJourney } from '../../evaluation/scorers.js';
import { tempDir } from '../helpers/temp.js';
import { journey, pneumoniaCase } from './journey-fixtures.js';
import { baseConfig, openStore, recordFixtureRun } from './run-fixtures.js';

describe('run report, comparison and leaderboard on recorded runs', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const store = openStore(join(dir, 'records.db'));

  it('aggregates in SQL: failures count as wrong, unscored metrics leave n', () => {
    const run = store.createRun(baseConfig({ name: 'mixed', patients: 3 }));
    const patient = pneumoniaCase();
    const ok = journey();
    const failed = { ...journey({ report: null, triage: null }), index: 1 };
    store.saveJourney(run.id, 0, ok, patient, scoreJourney(ok, patient));
    store.saveJourney(run.id, 0, failed, { ...patient, index: 1 }, scoreJourney(failed, patient));
    const report = buildRunReport(store, store.getRun(run.id));
    expect(report).toMatchObject({ journeys: 2, completed: 1, failed: 1 });
    expect(report.failureReasons).toEqual({ 'no diagnosis within the budget of 1 turns': 1 });
    expect(report.metrics.accuracy).toMatchObject({ value: 0.5, successes: 1, n: 2 });
    // No triage decision: unscored, so triage is over one journey only.
    expect(report.metrics.triageDepartment.n).toBe(1);
    expect(report.metrics.grounding.n).toBe(1);
    expect(report.confusion.pairs).toEqual([{ truth: 'Community-acquired pneumonia', given: '(no diagnosis)', n: 1 }]);
    expect(report.confusion.matrix).toEqual({
      truths: ['Community-acquired pneumonia'],
      answers: ['(correct)', '(no diagnosis)'],
      counts: [[1, 1]],
    });
    const json = JSON.parse(renderReport(report, 'json')) as { metrics: { timeToDiagnosis: { ci95: unknown[] } } };
    expect(json.metrics.timeToDiagnosis.ci95).toHaveLength(2);
  });

  it('builds the confusion matrix from the most missed diagnoses', () => {
    const run = recordFixtureRun(store, { config: { name: 'confused' }, skill: 0.6 });
    const report = buildRunReport(store, run);
    const { truths, answers, counts } = report.confusion.matrix;
    expect(answers[0]).toBe('(correct)');
    const total = counts.flat().reduce((sum, n) => sum + n, 0);
    expect(total).toBe(report.journeys);
    expect(report.byScenario.migraine.journeys).toBe(12);
    expect(truths.length).toBeGreaterThan(0);
  });

  it('compares per patient when runs have repeats', () => {
    const a = recordFixtureRun(store, { config: { name: 'ra', patients: 30, repeats: 3 }, skill: 0.9, doctorSeed: 5 });
    const b = recordFixtureRun(store, { config: { name: 'rb', patients: 30, repeats: 3 }, skill: 0.4, doctorSeed: 6 });
    const c = compareRuns(store, a, b);
    expect(c.paired).toBe(90);
    expect(c.perPatient?.patients).toBe(30);
    expect(c.perPatient?.difference.value).toBeLessThan(0);
    expect(c.perPatient?.signTestP).toBeLessThan(0.05);
    expect(c.notes.join(' ')).toContain('correlated');
  });

  it('finds the Pareto frontier of accuracy against cost', () => {
    expect(
      paretoFrontier([
        { cost: 10, accuracy: 0.5 },
        { cost: 5, accuracy: 0.6 },
        { cost: 20, accuracy: 0.9 },
        { cost: 20, accuracy: 0.8 },
        { cost: Number.NaN, accuracy: 1 },
      ]),
    ).toEqual([1, 2]);
    const cheap = recordFixtureRun(store, { config: { name: 'cheap', seed: 20 }, skill: 0.6, costPerTest: 10 });
    const dear = recordFixtureRun(store, { config: { name: 'dear', seed: 20 }, skill: 0.9, costPerTest: 100, doctorSeed: 9 });
    const board = buildLeaderboard(store, [
      { model: 'builtin', run: cheap },
      { model: 'ollama:m', run: dear },
    ]);
    expect(board.rows.map((row) => row.model)).toEqual(['ollama:m', 'builtin']);
    expect(board.frontier).toEqual(['builtin', 'ollama:m']);
    expect(board.rows[0].vsBuiltin?.difference).toBeGreaterThan(0);
    expect(board.rows[1].vsBuiltin).toBeNull();
  });
});
