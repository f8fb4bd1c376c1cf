import { describe, expect, it } from 'vitest';
import { importRecord } from '../../scenarios/agentclinic/index.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { checkLeaks, diagnosisTermMatcher, diagnosisTerms, findLeaks, leakForm, leakReport, visibleTexts } from '../../scenarios/leaks.js';
import { compileScenario, type LoadedScenario } from '../../scenarios/loader.js';
import { scenarioSchema } from '../../scenarios/schema.js';
import { scenarioFixture } from '../helpers/fixtures.js';
import { osceRecord } from './agentclinic-fixtures.js';

const catalogue = loadCatalogue();
const library = (overrides: Parameters<typeof scenarioFixture>[0] = {}): LoadedScenario =>
  compileScenario(scenarioSchema.parse(scenarioFixture(overrides)), 'fixture.yaml', catalogue);

describe('the diagnosis term matcher', () => {
  it('matches whole words whatever the case, spelling, possessive, hyphens or plural', () => {
    const match = diagnosisTermMatcher(['Hirschsprung disease', 'Haemophilia A', 'Legg-Calvé-Perthes disease', 'internal haemorrhoid']);
    expect(match('compatible with Hirschsprung’s disease')).toBe('Hirschsprung disease');
    expect(match("HIRSCHSPRUNG'S DISEASE")).toBe('Hirschsprung disease');
    expect(match('consistent with hemophilia A')).toBe('Haemophilia A');
    expect(match('flattening typical of Legg Calve Perthes disease')).toBe('Legg-Calvé-Perthes disease');
    expect(match('two internal hemorrhoids seen')).toBe('internal haemorrhoid');
    expect(match('the hirschsprungs of old')).toBeUndefined();
    expect(match('haemophiliac')).toBeUndefined();
  });

  it('needs capitals for short abbreviations and codes as written', () => {
    const match = diagnosisTermMatcher(['CAP', 'J18.9']);
    expect(match('findings consistent with CAP')).toBe('CAP');
    expect(match('wears a cap')).toBeUndefined();
    expect(match('coded J18.9')).toBe('J18.9');
    expect(match('coded J18.90')).toBeUndefined();
  });

  it('adds the name without leading qualifiers, and the code', () => {
    const terms = diagnosisTerms({ diagnosis: { name: 'Neonatal Respiratory Distress Syndrome', icd10: 'P22.0', synonyms: ['NRDS'] } });
    expect(terms).toEqual(
      expect.arrayContaining(['Neonatal Respiratory Distress Syndrome', 'Respiratory Distress Syndrome', 'NRDS', 'P22.0']),
    );
    expect(diagnosisTerms({ diagnosis: { name: 'Acute otitis', icd10: 'H66.9', synonyms: [] } })).toEqual(['Acute otitis', 'H66.9']);
    expect(diagnosisTerms({ diagnosis: { name: 'Acute cystitis', icd10: '', synonyms: [] } })).toEqual(['Acute cystitis', 'cystitis']);
    expect(leakForm('Hirschsprung’s  Disease')).toBe('hirschsprung disease');
  });
});

describe('finding leaks', () => {
  it('keeps the library field names and exports', () => {
    const scenario = library({
      tests: [{ test: 'chest-xray', finding: 'consolidation', text: 'shadowing typical of fixture disease', p: 0.8 }],
    });
    const leaks = findLeaks(scenario);
    expect(leaks).toEqual([
      { scenarioId: 'fixture-disease', field: 'tests.0.text', term: 'Fixture disease', text: 'shadowing typical of fixture disease' },
    ]);
    expect(visibleTexts(scenario).map((t) => t.field)).toContain('findings.0.says'.replace('says', 'text'));
    expect(findLeaks(library())).toEqual([]);
  });

  it('reports an imported case where the source record leaks: the field, the term, the text', () => {
    const record = osceRecord({
      tests: {
        Biopsy: { Lung: { Findings: 'Caseating granulomas, consistent with tuberculosis.' } },
        Chest_X_Ray: { Findings: 'Right apical cavity.' },
        TORCH: { Note: 'TB suspected' },
      },
    });
    const scenario = importRecord(record, 'agentclinic_medqa.jsonl', 4, catalogue);
    const { leaks } = checkLeaks(scenario);
    expect(leaks.map(({ field, term }) => ({ field, term }))).toEqual([
      { field: 'Test_Results.Biopsy.Lung.Findings', term: 'tuberculosis' },
      { field: 'Test_Results.TORCH.Note', term: 'TB' },
    ]);
  });

  it('looks at the patient’s free-text history too', () => {
    const record = osceRecord() as { OSCE_Examination: { Patient_Actor: Record<string, unknown> } };
    record.OSCE_Examination.Patient_Actor.Past_Medical_History = 'Treated for pulmonary tuberculosis in 2010.';
    const scenario = importRecord(record, 'agentclinic_medqa.jsonl', 5, catalogue);
    expect(findLeaks(scenario).map((leak) => leak.field)).toEqual(['Patient_Actor.Past_Medical_History']);
  });

  it('gives hints for a distinctive word of the name in a result, never for the symptoms', () => {
    const record = osceRecord({
      diagnosis: 'Coarctation of the aorta',
      tests: { Echocardiogram: { Findings: 'Narrowing consistent with coarctation.' } },
    });
    const scenario = importRecord(record, 'agentclinic_medqa.jsonl', 6, catalogue);
    const { leaks, hints } = checkLeaks(scenario);
    expect(leaks).toEqual([]);
    expect(hints).toEqual([expect.objectContaining({ field: 'Test_Results.Echocardiogram.Findings', word: 'coarctation' })]);
    const report = leakReport([scenario, library()]);
    expect(report).toMatchObject({ scenarios: 2, leaky: 0, hinted: 1 });
    expect(report.cases[0]).toMatchObject({ id: 'agentclinic-medqa-006', source: 'agentclinic_medqa.jsonl:6' });
  });
});
