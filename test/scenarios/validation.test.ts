import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenarioFiles } from '../../scenarios/validation.js';
import { scenarioFixture, writeYaml } from '../helpers/fixtures.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

const fixture = (id: string, name: string, icd10: string, extra: Record<string, unknown> = {}) =>
  scenarioFixture({ id, title: name, diagnosis: { name, icd10, synonyms: [], ...extra } });

describe('validateScenarioFiles: ICD-10 codes and the matcher', () => {
  it('reports an ICD-10 code shared without a declaration as an error naming both files', () => {
    const a = writeYaml(dir, 'shared/a.yaml', fixture('alpha-disease', 'Alpha disease', 'E75.2'));
    const b = writeYaml(dir, 'shared/b.yaml', fixture('beta-disease', 'Beta disease', 'E75.2'));
    const errors = validateScenarioFiles([`${dir}/shared`]).problems.filter((problem) => problem.kind === 'error');
    expect(errors).toEqual([
      {
        kind: 'error',
        where: a,
        message: expect.stringContaining(`diagnosis.icd10: a code unique in the set ("E75.2" is also the code of ${b})`),
      },
      {
        kind: 'error',
        where: b,
        message: expect.stringContaining(`diagnosis.icd10: a code unique in the set ("E75.2" is also the code of ${a})`),
      },
    ]);
  });

  it('accepts a shared code that both scenarios declare, and rejects a declared partner with another code', () => {
    writeYaml(dir, 'declared/a.yaml', fixture('alpha-disease', 'Alpha disease', 'C34.1', { sharesCodeWith: ['beta-disease'] }));
    writeYaml(dir, 'declared/b.yaml', fixture('beta-disease', 'Beta disease', 'C34.1', { sharesCodeWith: ['alpha-disease'] }));
    expect(validateScenarioFiles([`${dir}/declared`]).problems).toEqual([]);
    const c = writeYaml(
      dir,
      'wrong-partner/c.yaml',
      fixture('gamma-disease', 'Gamma disease', 'C34.1', { sharesCodeWith: ['delta-disease'] }),
    );
    const d = writeYaml(dir, 'wrong-partner/d.yaml', fixture('delta-disease', 'Delta disease', 'C34.9'));
    expect(validateScenarioFiles([`${dir}/wrong-partner`]).problems).toEqual([
      {
        kind: 'error',
        where: c,
        message: `diagnosis.sharesCodeWith.0: a scenario with the same ICD-10 code ("delta-disease" in ${d} has C34.9, not C34.1)`,
      },
    ]);
  });

  it('reports a synonym the matcher would not grade correct and a near miss it would', () => {
    const file = writeYaml(
      dir,
      'names/a.yaml',
      scenarioFixture({
        id: 'acute-myeloid-thing',
        diagnosis: { name: 'Acute myeloid leukaemia', icd10: 'C92.0', synonyms: ['not otherwise specified'] },
        nearMisses: ['AML'],
        department: 'haematology',
      }),
    );
    expect(validateScenarioFiles([file]).problems.map((problem) => `${problem.kind} ${problem.message.split(' (')[0]}`)).toEqual([
      'error diagnosis.synonyms.0: a name the matcher grades correct',
      'error nearMisses.0: a close but different disease',
    ]);
  });
});
