import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

function flowOf(db: string, args: string[]) {
  const run = runCli(['run', '--patients', '60', '--seed', '4', '--db', db, '--json', '--quiet', ...args]);
  expect(run.code, run.stderr).toBe(0);
  const report = runCli(['report', JSON.parse(run.stdout).runId, '--format', 'json', '--db', db]);
  expect(report.code, report.stderr).toBe(0);
  return JSON.parse(report.stdout).sections.patientFlow as {
    meanWaitTriage: number;
    meanWaitDoctor: number;
    utilisation: Record<string, number>;
  };
}

describe('patient flow and data shift from the CLI', () => {
  it('grows waits when arrivals outpace the staff, shrinks them with more staff, and repeats exactly for a seed', () => {
    const db = `${dir}/flow.db`;
    const calm = flowOf(db, ['--arrivals', '1']);
    const busy = flowOf(db, ['--arrivals', '30']);
    const staffed = flowOf(db, ['--arrivals', '30', '--nurses', '4']);
    const again = flowOf(db, ['--arrivals', '30']);
    expect(busy.meanWaitTriage).toBeGreaterThan(calm.meanWaitTriage + 60);
    expect(staffed.meanWaitTriage).toBeLessThan(busy.meanWaitTriage / 4);
    expect(again).toEqual(busy);
    expect(busy.utilisation['triage-nurses']).toBeGreaterThan(0.9);
  }, 120_000);

  it('refuses staffing without an arrival rate', () => {
    const result = runCli(['run', '--doctors', 'cardiology=2', '--db', `${dir}/x.db`]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'hospital: --doctors: --arrivals: an arrival rate: staffing only matters when patients arrive over time (add --arrivals PER-HOUR)',
    );
  });

  it('prints the accuracy drop from an urban tertiary hospital to a rural village clinic with an interval', () => {
    const result = runCli(['shift', '--patients', '80', '--seed', '3', '--db', `${dir}/shift.db`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const shift = JSON.parse(result.stdout);
    expect(shift.from).toMatchObject({ population: 'urban', facility: 'tertiary' });
    expect(shift.to).toMatchObject({ population: 'rural', facility: 'village' });
    expect(shift.drop.ci95).toHaveLength(2);
    expect(shift.drop.ci95[0]).toBeLessThanOrEqual(shift.drop.difference);
    expect(shift.drop.ci95[1]).toBeGreaterThanOrEqual(shift.drop.difference);
    expect(Object.keys(shift.byDepartment).length).toBeGreaterThan(5);
    const text = runCli(['shift', '--patients', '40', '--seed', '3', '--db', `${dir}/shift.db`]);
    expect(text.stdout).toMatch(/Drop: -?\d+\.\d pts \[-?\d+\.\d, -?\d+\.\d\] \(95 % CI, Newcombe\)/);
  }, 180_000);
});
