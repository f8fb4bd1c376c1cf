import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../environment/records/database.js';
import { RunStore } from '../../environment/records/run-store.js';
import type { BiasEffect } from '../../evaluation/bias-report.js';
import { biasSection } from '../../evaluation/bias-report.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const runId = (stdout: string): string => (JSON.parse(stdout) as { runId: string }).runId;

describe('biases on the command line', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('rejects an unknown bias or behaviour in one line listing the valid ones (exit 2)', () => {
    const doctor = runCli(['run', '--patients', '2', '--doctor-bias', 'anchoring,tunnel-vision', '--db', join(dir, 'x.db')]);
    expect(doctor.code).toBe(2);
    expect(doctor.stderr.trim().split('\n')[0]).toMatch(
      /--doctor-bias: tunnel-vision: unknown; expected one or more of: anchoring, confirmation, recency, availability, premature-closure/,
    );
    const patient = runCli(['run', '--patients', '2', '--patient-bias', 'shy', '--db', join(dir, 'x.db')]);
    expect(patient.code).toBe(2);
    expect(patient.stderr).toMatch(
      /--patient-bias: shy: unknown; expected one or more of: withholding, exaggerating, minimising, anxious, low-literacy, relative/,
    );
  });

  it('stores the biases in the run config; the report pairs the biased run with an unbiased one of the same patients', () => {
    const db = join(dir, 'runs.db');
    const plain = runCli(['run', '--patients', '6', '--seed', '3', '--db', db, '--json', '--quiet', '--workers', '0']);
    expect(plain.code, plain.stderr).toBe(0);
    const biased = runCli([
      'run',
      '--patients',
      '6',
      '--seed',
      '3',
      '--doctor-bias',
      'premature-closure,anchoring',
      '--patient-bias',
      'anxious',
      '--db',
      db,
      '--json',
      '--quiet',
      '--workers',
      '0',
    ]);
    expect(biased.code, biased.stderr).toBe(0);
    const store = new RunStore(openDatabase(db, { readonly: true }));
    const run = store.resolveRun(runId(biased.stdout));
    expect(run.config.doctorBiases).toEqual(['anchoring', 'premature-closure']);
    expect(run.config.patientBehaviours).toEqual(['anxious']);
    expect(store.resolveRun(runId(plain.stdout)).config.doctorBiases).toBeUndefined();
    const section = biasSection(store, run) as BiasEffect;
    expect(section.baselineRunId).toBe(runId(plain.stdout));
    expect(section.paired).toBe(6);
    expect(section.label).toBe('anchoring+premature-closure+patient:anxious');
    store.db.close();
    const resumed = runCli(['run', '--resume', run.id, '--doctor-bias', 'recency', '--db', db]);
    expect(resumed.code).toBe(2);
  }, 120_000);

  it('hospital biases runs the baseline and one run per bias on the same patients, with intervals and the paired difference', () => {
    const db = join(dir, 'biases.db');
    const result = runCli([
      'biases',
      '--patients',
      '8',
      '--seed',
      '2',
      '--doctor-bias',
      'premature-closure,confirmation',
      '--patient-bias',
      'withholding',
      '--db',
      db,
      '--json',
      '--workers',
      '0',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const { effects, baselineRunId } = JSON.parse(result.stdout) as { effects: BiasEffect[]; baselineRunId: string };
    expect(effects.map((effect) => effect.label)).toEqual(['confirmation', 'premature-closure', 'patient:withholding']);
    for (const effect of effects) {
      expect(effect.baselineRunId).toBe(baselineRunId);
      expect(effect.paired).toBe(8);
      expect(effect.biased.ci95[0]).toBeLessThanOrEqual(effect.biased.value);
      expect(effect.difference.value).toBeCloseTo(effect.biased.value - effect.baseline.value, 12);
    }
    const text = runCli(['biases', '--patients', '4', '--seed', '2', '--doctor-bias', 'anchoring', '--db', db, '--workers', '0']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/none \(baseline\)/);
    expect(text.stdout).toMatch(/anchoring\s+4\s+\d/);
  }, 180_000);
});
