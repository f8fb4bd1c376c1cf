import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../domain/errors.js';
import { loadScenarioFiles } from '../../scenarios/loader.js';
import { tempDir } from '../helpers/temp.js';
import { scenarioFixture, writeYaml } from '../helpers/fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** The one-line message a bad file produces. */
function loadError(paths: string[]): string {
  try {
    loadScenarioFiles(paths);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the load to fail');
}

describe('scenario loader', () => {
  it('loads the built-in library with unique ids and unified facts', () => {
    const set = loadScenarioFiles();
    expect(set.scenarios.length).toBeGreaterThan(0);
    expect(new Set(set.scenarios.map((s) => s.id)).size).toBe(set.scenarios.length);
    const pneumonia = set.scenarios.find((s) => s.id === 'community-acquired-pneumonia');
    expect(pneumonia?.facts.find((f) => f.id === 'chest-xray:consolidation')).toMatchObject({ source: 'test', testId: 'chest-xray' });
    expect(pneumonia?.facts.find((f) => f.id === 'focal-crackles')).toMatchObject({ source: 'examination', testId: 'physical-exam' });
    expect(set.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes content, not location', () => {
    writeYaml(dir, 'a/x.yaml', scenarioFixture());
    writeYaml(dir, 'b/y.yaml', scenarioFixture());
    expect(loadScenarioFiles([`${dir}/a`]).hash).toBe(loadScenarioFiles([`${dir}/b`]).hash);
    writeYaml(dir, 'c/z.yaml', scenarioFixture({ treatment: 'Something else.' }));
    expect(loadScenarioFiles([`${dir}/c`]).hash).not.toBe(loadScenarioFiles([`${dir}/a`]).hash);
  });

  it('names a missing path', () => {
    expect(loadError([`${dir}/nowhere`])).toBe(`${dir}/nowhere: path: an existing scenario file or folder`);
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = writeYaml(dir, 'bad.yaml', 'id: x\ntitle: [unclosed\nacuity: 3\n');
    expect(loadError([file])).toMatch(new RegExp(`^${file}:\\d+: yaml: valid YAML`));
  });

  it('names the field path and line of a wrong type', () => {
    const file = writeYaml(dir, 'type.yaml', { ...scenarioFixture(), acuity: 'high' });
    const message = loadError([file]);
    expect(message).toMatch(new RegExp(`^${file}:\\d+: acuity: expected number`));
  });

  it('rejects a probability above 1 with the finding path', () => {
    const fixture = scenarioFixture();
    fixture.findings[1] = { ...fixture.findings[1], p: 1.2 };
    const file = writeYaml(dir, 'p.yaml', fixture);
    expect(loadError([file])).toMatch(/:\d+: findings\.1\.p: expected a probability from 0 to 1$/);
  });

  it('rejects an unknown test id', () => {
    const file = writeYaml(dir, 't.yaml', scenarioFixture({ tests: [{ test: 'x-ray-of-soul', finding: 'dark', text: 'dark' }] }));
    expect(loadError([file])).toBe(`${file}: tests.0.test: a test id from the catalogue ("x-ray-of-soul" is not in it)`);
  });

  it('rejects a duplicate scenario id across files', () => {
    writeYaml(dir, 'one.yaml', scenarioFixture());
    writeYaml(dir, 'two.yaml', scenarioFixture());
    expect(loadError([dir])).toMatch(/two\.yaml: id: a scenario id unique in the set \("fixture-disease" is also in .*one\.yaml\)/);
  });

  it('rejects a complaint naming a finding the scenario lacks', () => {
    const file = writeYaml(dir, 'c.yaml', scenarioFixture({ complaints: [{ text: 'Pain.', findings: ['chest-pain'] }] }));
    expect(loadError([file])).toContain('complaints.0.findings.0: a symptom or history finding id of this scenario');
  });

  it('rejects unknown fields', () => {
    const file = writeYaml(dir, 'u.yaml', { ...scenarioFixture(), severity: 'bad' });
    expect(loadError([file])).toContain('unknown field "severity"');
  });
});
