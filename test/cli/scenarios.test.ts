import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scenarioFixture, writeYaml } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('hospital scenarios', () => {
  it('lists the built-in library as JSON: at least 120 scenarios over at least 20 departments', () => {
    const result = runCli(['scenarios', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.count).toBeGreaterThanOrEqual(120);
    expect(json.departments.length).toBeGreaterThanOrEqual(20);
    for (const scenario of json.scenarios) expect(scenario.icd10).toMatch(/^[A-Z]\d{2}/);
  });

  it('validates the whole built-in library with no errors, leaks or ambiguous scenarios', () => {
    const result = runCli(['scenarios', 'validate', '--json']);
    const json = JSON.parse(result.stdout);
    expect(json.problems, JSON.stringify(json.problems.slice(0, 5))).toEqual([]);
    expect(result.code).toBe(0);
    expect(json.scenarios).toBeGreaterThanOrEqual(120);
  }, 120_000);

  it('rejects a scenario whose patient-revealed text names its own diagnosis', () => {
    const fixture = scenarioFixture();
    fixture.findings[0] = { ...fixture.findings[0], says: 'The doctor last year said it was fixture disease again.' };
    const file = writeYaml(dir, 'leaky/leak.yaml', fixture);
    const result = runCli(['scenarios', 'validate', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: leak: findings.0.says: names the diagnosis ("Fixture disease")`);
  });

  it('reports every broken file, not only the first', () => {
    writeYaml(dir, 'many/a.yaml', { ...scenarioFixture({ id: 'a-one' }), acuity: 9 });
    writeYaml(dir, 'many/b.yaml', 'id: [\n');
    writeYaml(dir, 'many/c.yaml', scenarioFixture({ id: 'c-three' }));
    const result = runCli(['scenarios', 'validate', `${dir}/many`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a\.yaml:\d+: acuity: expected/);
    expect(result.stderr).toMatch(/b\.yaml:\d+: yaml: valid YAML/);
    expect(result.stdout).toMatch(/3 files, 1 valid scenarios: 2 errors/);
  });

  it('samples the same patient for the same seed', () => {
    const a = runCli(['scenarios', 'sample', 'community-acquired-pneumonia', '--seed', '4', '--json']);
    const b = runCli(['scenarios', 'sample', 'community-acquired-pneumonia', '--seed', '4', '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).truth.icd10).toBe('J18.9');
  });

  it('names an unknown scenario', () => {
    const result = runCli(['scenarios', 'show', 'no-such-thing']);
    expect(result.code).toBe(4);
    expect(result.stderr.trim()).toBe('hospital: no scenario "no-such-thing" (see "hospital scenarios list")');
  });
});
