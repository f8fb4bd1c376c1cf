import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { scenarioFixture, writeYaml } from '../helpers/fixtures.js';
import { loadMatchCases } from '../helpers/match-cases.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

/** A handful of the table's cases, one per kind of rule, through the real CLI. */
const picked = [
  ['community-acquired-pneumonia', 'xyz', 'J18.9'],
  ['community-acquired-pneumonia', 'pnuemonia'],
  ['community-acquired-pneumonia', 'pneumonia (ruled out)'],
  ['acute-myeloid-leukaemia', 'leukaemia'],
  ['pulmonary-embolism', 'P.E.'],
  ['acute-pancreatitis', 'chronic pancreatitis'],
];

describe('hospital scenarios match', () => {
  it('gives the table’s verdict and rule for a handful of its cases, as JSON', () => {
    const cases = loadMatchCases();
    for (const [scenario, given, icd10] of picked) {
      const expected = cases.find((item) => item.scenario === scenario && item.given === given && item.icd10 === icd10);
      expect(expected, `${scenario} "${given}" is in the table`).toBeDefined();
      const result = runCli(['scenarios', 'match', scenario, given, ...(icd10 ? ['--icd10', icd10] : []), '--json']);
      expect(result.code, result.stderr).toBe(0);
      const json = JSON.parse(result.stdout);
      expect({ scenario: json.scenario, given: json.given, verdict: json.verdict, rule: json.rule }).toEqual({
        scenario,
        given,
        verdict: expected!.verdict,
        rule: expected!.rule,
      });
      expect(json.reason).toContain(`"${given === 'P.E.' ? 'PE' : given}"`);
    }
  }, 120_000);

  it('prints the verdict, the rule and the reference as text', () => {
    const result = runCli(['scenarios', 'match', 'non-st-elevation-myocardial-infarction', 'acute myocardial infarction']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        'partial (broader): "acute myocardial infarction" is broader than "Non-ST-elevation myocardial infarction" (it lacks non-ST-elevation)',
        '  rule: a broader name that includes the disease',
        '  reference: Non-ST-elevation myocardial infarction [I21.4], cardiology',
        '',
      ].join('\n'),
    );
  });

  it('names a bad code and an unknown scenario', () => {
    expect(runCli(['scenarios', 'match', 'pulmonary-embolism', 'PE', '--icd10', 'zz'])).toMatchObject({
      code: 2,
      stderr: 'hospital: --icd10: value: an ICD-10 code like "J18.9" (got "zz")\n',
    });
    expect(runCli(['scenarios', 'match', 'no-such-thing', 'PE']).code).toBe(4);
  });

  it('makes "scenarios validate" reject an ICD-10 code two scenarios share without declaring it', () => {
    const a = writeYaml(
      dir,
      'codes/a.yaml',
      scenarioFixture({ id: 'alpha-disease', diagnosis: { name: 'Alpha disease', icd10: 'E75.2', synonyms: [] } }),
    );
    const b = writeYaml(
      dir,
      'codes/b.yaml',
      scenarioFixture({ id: 'beta-disease', diagnosis: { name: 'Beta disease', icd10: 'E75.2', synonyms: [] } }),
    );
    const result = runCli(['scenarios', 'validate', `${dir}/codes`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${a}: diagnosis.icd10: a code unique in the set ("E75.2" is also the code of ${b})`);
    expect(result.stderr).toContain(`${b}: diagnosis.icd10: a code unique in the set ("E75.2" is also the code of ${a})`);
  });
});
