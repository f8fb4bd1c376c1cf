import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFiles } from '../../scenarios/loader.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { hasMedqa, medqaFile, osceRecord } from '../scenarios/agentclinic-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('hospital-import-')));
afterAll(() => cleanup());

/** A small import file: two good cases around three bad lines. */
function mixedFile(): string {
  const file = join(dir, 'agentclinic_mixed.jsonl');
  if (!existsSync(file)) {
    const leaky = osceRecord({ tests: { Sputum_Culture: { Findings: 'Growth consistent with pulmonary tuberculosis.' } } });
    writeFileSync(
      file,
      [
        JSON.stringify(osceRecord()),
        'not json at all',
        JSON.stringify({ OSCE_Examination: 'nope' }),
        JSON.stringify(osceRecord({ diagnosis: '' })),
        JSON.stringify(leaky),
      ].join('\n') + '\n',
    );
  }
  return file;
}

describe('hospital scenarios import agentclinic', () => {
  it('reports each bad line on stderr, still writes the good cases, and exits 2', () => {
    const out = join(dir, 'mixed');
    const result = runCli(['scenarios', 'import', 'agentclinic', mixedFile(), '-o', out]);
    expect(result.code).toBe(2);
    const bad = result.stderr.split('\n').filter((line) => line.startsWith('hospital: '));
    expect(bad).toHaveLength(3);
    expect(bad[0]).toMatch(/agentclinic_mixed\.jsonl:2: \(line\): expected one JSON object per line/);
    expect(bad[1]).toMatch(/agentclinic_mixed\.jsonl:3: OSCE_Examination: expected an object/);
    expect(bad[2]).toMatch(/agentclinic_mixed\.jsonl:4: OSCE_Examination\.Correct_Diagnosis: expected a non-empty diagnosis name/);
    expect(result.stderr).toMatch(/leak: agentclinic-mixed-005 \(line 5\): Test_Results\.Sputum_Culture\.Findings/);
    expect(result.stdout).toMatch(/Imported 2 of 5 cases/);
    expect(readdirSync(out).sort()).toEqual(['agentclinic-mixed-001.yaml', 'agentclinic-mixed-005.yaml']);
    const loaded = loadScenarioFiles([out]);
    expect(loaded.scenarios.map((s) => s.id)).toEqual(['agentclinic-mixed-001', 'agentclinic-mixed-005']);
    expect(readFileSync(join(out, 'agentclinic-mixed-005.yaml'), 'utf8')).toMatch(/^# LEAK: /m);
  }, 120_000);

  it('leaves leaky cases out with --exclude-leaky and says so in JSON', () => {
    const out = join(dir, 'clean');
    const result = runCli(['scenarios', 'import', 'agentclinic', mixedFile(), '-o', out, '--exclude-leaky', '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { imported: number; excluded: { id: string }[]; problems: { line: number }[] };
    expect(report.imported).toBe(1);
    expect(report.excluded.map((c) => c.id)).toEqual(['agentclinic-mixed-005']);
    expect(report.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(readdirSync(out)).toEqual(['agentclinic-mixed-001.yaml']);
  }, 120_000);

  it('runs a batch straight from the file with --scenarios agentclinic:<file>', () => {
    const db = join(dir, 'run.db');
    const result = runCli(['run', '--scenarios', `agentclinic:${mixedFile()}`, '--patients', '4', '--db', db, '--workers', '0']);
    expect(result.stderr).toMatch(/agentclinic_mixed\.jsonl:2: .*\(line skipped\)/);
    expect(result.stdout).toMatch(/4 journeys \(4 completed, 0 failed\)/);
    expect(result.code).toBe(0);
  }, 120_000);
});

describe.skipIf(!hasMedqa)('the shared MedQA file through the CLI', () => {
  it('imports all 107 cases into loadable scenario files', () => {
    const out = join(dir, 'medqa');
    const result = runCli(['scenarios', 'import', 'agentclinic', medqaFile, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Imported 107 of 107 cases .*; 19 leak the diagnosis/);
    expect(readdirSync(out)).toHaveLength(107);
    expect(loadScenarioFiles([out]).scenarios).toHaveLength(107);
  }, 120_000);

  it('reports the leaky cases with the field where each leaks (and exits 2)', () => {
    const result = runCli(['scenarios', 'leaks', `agentclinic:${medqaFile}`, '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { scenarios: number; leaky: number; cases: { id: string; leaks: { field: string }[] }[] };
    expect(report).toMatchObject({ scenarios: 107, leaky: 19 });
    const barium = report.cases.find((c) => c.id === 'agentclinic-medqa-003');
    expect(barium?.leaks.map((l) => l.field)).toEqual(['Test_Results.Barium_Enema.Findings']);
    const text = runCli(['scenarios', 'leaks', `agentclinic:${medqaFile}`]);
    expect(text.stdout).toMatch(
      /agentclinic-medqa-102 {2}Testicular torsion {2}\(agentclinic_medqa\.jsonl:102\)\n {2}leak: Test_Results\.Scrotal_Ultrasound\.Findings: names the diagnosis \("Testicular torsion"\)/,
    );
    expect(text.stdout).toMatch(/19 of 107 scenarios leak the diagnosis/);
  }, 120_000);

  it('validate checks an import file: leaks as problems', () => {
    const result = runCli(['scenarios', 'validate', `agentclinic:${medqaFile}`]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/1 files, 107 valid scenarios: 0 errors, \d+ leaks, 0 ambiguous/);
    expect(result.stderr).toMatch(/agentclinic_medqa\.jsonl:3 \(agentclinic-medqa-003\): leak: Test_Results\.Barium_Enema\.Findings/);
  }, 120_000);
});
