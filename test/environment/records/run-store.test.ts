import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../environment/records/database.js';
import { migrations } from '../../../environment/records/migrations.js';
import { exportRunLines } from '../../../environment/records/journey-export.js';
import { RunStore, type RunConfig } from '../../../environment/records/run-store.js';
import type { JourneyResult } from '../../../domain/journey.js';
import { scoreJourney } from '../../../evaluation/scorers.js';
import { generateCase } from '../../../scenarios/generator.js';
import { loadScenarioFiles } from '../../../scenarios/loader.js';
import { tempDir } from '../../helpers/temp.js';

const set = loadScenarioFiles();
const config: RunConfig = {
  scenarios: ['builtin'],
  scenarioHash: set.hash,
  scenarioCount: set.scenarios.length,
  seed: 3,
  patients: 4,
  repeats: 1,
  concurrency: 2,
  maxTurns: 10,
  maxReferrals: 1,
  facility: 'tertiary',
  models: { specialist: 'builtin' },
};

function journeyFor(index: number, status: 'completed' | 'failed'): { result: JourneyResult; patient: ReturnType<typeof generateCase> } {
  const patient = generateCase(set.scenarios[0], config.seed, index);
  const result: JourneyResult = {
    index,
    caseId: patient.caseId,
    scenarioId: patient.scenarioId,
    status,
    reason: status === 'failed' ? 'specialist: timed out' : undefined,
    department: patient.truth.department,
    acuity: patient.truth.acuity,
    report:
      status === 'completed'
        ? {
            diagnosis: patient.truth.diagnosis,
            icd10: patient.truth.icd10,
            confidence: 0.9,
            differential: [{ name: patient.truth.diagnosis, p: 0.9 }],
            evidence: [],
            reasoning: 'r',
            plan: 'p',
            disclaimer: 'd',
          }
        : undefined,
    events: [
      {
        seq: 0,
        t: 0,
        stage: 'arrive',
        actor: 'patient',
        type: 'arrive',
        text: 'arrives',
        data: { age: 40, sex: 'female', facility: 'tertiary' },
      },
      {
        seq: 1,
        t: 5,
        stage: 'triage',
        actor: 'nurse',
        type: 'triage',
        text: 'triaged',
        data: { department: patient.truth.department, acuity: patient.truth.acuity, rationale: 'r' },
        usage: { model: 'm', inTokens: 10, outTokens: 5, latencyMs: 123, cached: false },
      },
    ],
  };
  return { result, patient };
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('run store', () => {
  it('creates a WAL database with foreign keys and the migrations applied', () => {
    const db = openDatabase(`${dir}/h.db`);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual(migrations.map((m) => m.version));
    db.close();
    // Reopening applies nothing twice.
    const again = openDatabase(`${dir}/h.db`);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
    again.close();
  });

  it('records journeys with events and scores, and replaces a failed one on retry', () => {
    const store = new RunStore(openDatabase(`${dir}/h.db`));
    const run = store.createRun(config);
    const failed = journeyFor(0, 'failed');
    store.saveJourney(run.id, 0, failed.result, failed.patient, scoreJourney(failed.result, failed.patient));
    expect(store.completedSlots(run.id).size).toBe(0);
    const done = journeyFor(0, 'completed');
    store.saveJourney(run.id, 0, done.result, done.patient, scoreJourney(done.result, done.patient));
    expect(store.countJourneys(run.id)).toBe(1);
    expect([...store.completedSlots(run.id)]).toEqual(['0:0']);
    expect(store.events(run.id, 0)).toHaveLength(2);
    expect(store.events(run.id, 0)[1].usage).toEqual({ model: 'm', inTokens: 10, outTokens: 5, latencyMs: 123, cached: false });
    const top1 = store.scores(run.id, 0).find((score) => score.metric === 'top1');
    expect(top1?.value).toBe(1);
    expect(store.journey(run.id, 0)?.correct).toBe(1);
    store.db.close();
  });

  it('resolves runs by id prefix, name and latest', () => {
    const store = new RunStore(openDatabase(`${dir}/h.db`));
    const first = store.createRun({ ...config, name: 'baseline' }, new Date('2026-01-01T00:00:00Z'));
    const second = store.createRun(config, new Date('2026-01-02T00:00:00Z'));
    expect(store.resolveRun('latest').id).toBe(second.id);
    expect(store.resolveRun('baseline').id).toBe(first.id);
    expect(store.resolveRun(first.id.slice(0, 20)).id).toBe(first.id);
    expect(() => store.resolveRun('nope')).toThrow(/no run "nope"/);
    store.db.close();
  });

  it('exports canonically without run id, timestamps or latency', () => {
    const store = new RunStore(openDatabase(`${dir}/h.db`));
    const lines: string[][] = [];
    for (const when of ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']) {
      const run = store.createRun(config, new Date(when));
      const done = journeyFor(1, 'completed');
      done.result.events[1].usage = { ...done.result.events[1].usage!, latencyMs: when.endsWith('01T00:00:00Z') ? 123 : 456 };
      store.saveJourney(run.id, 0, done.result, done.patient, scoreJourney(done.result, done.patient), new Date(when));
      lines.push([...exportRunLines(store, run, true)]);
    }
    expect(lines[0]).toEqual(lines[1]);
    const parsed = JSON.parse(lines[0][0]);
    expect(parsed.runId).toBeUndefined();
    expect(parsed.createdAt).toBeUndefined();
    expect(parsed.events[1].usage).toEqual({ model: 'm', inTokens: 10, outTokens: 5 });
    store.db.close();
  });
});
