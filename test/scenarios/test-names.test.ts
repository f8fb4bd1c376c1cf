import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { departmentFor, departmentRules } from '../../scenarios/agentclinic/index.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { proxyTestFor, resolveTestName, ruleTestIds, testNameRules } from '../../scenarios/test-names.js';
import { tempDir } from '../helpers/temp.js';

const temp = tempDir();
afterAll(() => temp.cleanup());
const catalogue = loadCatalogue();

describe('test-name rules as data', () => {
  it('name only catalogue tests', () => {
    expect(ruleTestIds().filter((id) => !catalogue.has(id))).toEqual([]);
  });

  it('resolve by specimen, pattern, catalogue name, and stand in with a proxy', () => {
    expect(resolveTestName('RBC', catalogue, 'urine')?.test.id).toBe('urine-microscopy');
    expect(resolveTestName('RBC', catalogue, 'blood')?.test.id).toBe('full-blood-count');
    expect(resolveTestName('CT_Scan_Chest', catalogue)).toMatchObject({ test: { id: 'ct-chest' }, via: 'pattern' });
    expect(proxyTestFor('Barium_Enema', catalogue)?.id).toBe('abdominal-xray');
  });

  it('reject a bad rules file in one line naming the file, line and field', () => {
    const file = join(temp.dir, 'test-names.yaml');
    writeFileSync(
      file,
      'specimens: []\nbySpecimen: { blood: [], urine: [], csf: [], stool: [], other: [] }\nrules:\n  - { pattern: "(unclosed", test: ecg }\ncontainers: x\nreportParts: x\ngenericWords: []\nproxies: []\nproxyFallbacks: []\n',
    );
    expect(() => testNameRules(file)).toThrow(/test-names\.yaml:4: rules\.0\.pattern: expected a regular expression/);
  });
});

describe('department rules as data', () => {
  it('send a diagnosis the library lacks by its words; children to paediatrics', () => {
    expect(departmentRules().length).toBeGreaterThan(10);
    expect(departmentFor('Acute lymphoblastic leukemia', 40)).toBe('haematology');
    expect(departmentFor('Acute lymphoblastic leukemia', 8)).toBe('paediatrics');
    expect(departmentFor('Something unheard of', 40)).toBe('general-medicine');
  });
});
