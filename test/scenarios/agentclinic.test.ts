import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchDiagnosis } from '../../scenarios/diagnosis-match/index.js';
import {
  departmentFor,
  diagnosisNames,
  importAgentClinicFile,
  importAgentClinicText,
  importRecord,
  parseSourceSpec,
  variantOf,
} from '../../scenarios/agentclinic/index.js';
import { resolveTestName, ruleTestIds } from '../../scenarios/test-names.js';
import { parseDemographics } from '../../scenarios/agentclinic/text.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { generateCase } from '../../scenarios/generator.js';
import type { LoadedScenario } from '../../scenarios/loader.js';
import { scenarioSchema } from '../../scenarios/schema.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { tempDir } from '../helpers/temp.js';
import { hasMedqa, medqaFile, nejmRecord, osceRecord } from './agentclinic-fixtures.js';

const catalogue = loadCatalogue();

/** A loaded scenario less what the loader adds: what the scenario file holds. */
function fileForm(scenario: LoadedScenario): Omit<LoadedScenario, 'file' | 'facts'> {
  const { file: _file, facts: _facts, ...rest } = scenario;
  return rest;
}

describe('test names → catalogue', () => {
  it('every test id the rules name is in the catalogue', () => {
    expect(ruleTestIds().filter((id) => !catalogue.has(id))).toEqual([]);
  });

  it('normalises free names, analytes and specimens', () => {
    const id = (name: string, specimen?: 'urine' | 'blood'): string | undefined => resolveTestName(name, catalogue, specimen)?.test.id;
    for (const name of ['Chest_X-Ray', 'Chest_X-ray', 'Chest_Radiograph', 'CXR', 'X-ray of the chest'])
      expect(id(name), name).toBe('chest-xray');
    expect(id('CT_Scan_Chest')).toBe('ct-chest');
    expect(id('MRI_Brain')).toBe('mri-brain');
    expect(id('Brain_MRI')).toBe('mri-brain');
    expect(id('X-ray_Left_Hip')).toBe('xray-limb');
    expect(id('Complete_Blood_Count')).toBe('full-blood-count');
    expect(id('Hemoglobin_Blood')).toBe('full-blood-count');
    expect(id('Haemoglobin')).toBe('full-blood-count');
    expect(id('Na')).toBe('urea-electrolytes');
    expect(id('Creatinine')).toBe('urea-electrolytes');
    expect(id('RBC', 'urine')).toBe('urine-microscopy');
    expect(id('RBC', 'blood')).toBe('full-blood-count');
    expect(id('Acetylcholine_Receptor_Antibodies')).toBe('acetylcholine-receptor-antibodies');
    expect(id('Electromyography')).toBe('nerve-conduction-emg');
    expect(id('Skin_Biopsy')).toBe('skin-biopsy');
    expect(id('Biopsy Cervical_Lymph_Node')).toBe('lymph-node-biopsy');
    // Group names and unknown tests do not fall into a look-alike ("blood tests" is not the TB blood test).
    expect(id('Blood_Tests')).toBeUndefined();
    expect(id('TORCH_Screen')).toBeUndefined();
    expect(id('Barium_Enema')).toBeUndefined();
  });
});

describe('small parsers', () => {
  it('reads demographics phrases', () => {
    expect(parseDemographics('35-year-old female')).toEqual({ age: 35, sex: 'female' });
    expect(parseDemographics('8-month-old boy')).toEqual({ age: 0, sex: 'male' });
    expect(parseDemographics('18-month-old boy')).toEqual({ age: 1, sex: 'male' });
    expect(parseDemographics('Newborn, female')).toEqual({ age: 0, sex: 'female' });
    expect(parseDemographics("1100-g (2-lb 7-oz) newborn, 31 weeks' gestation")).toEqual({ age: 0, sex: undefined });
    expect(parseDemographics('A 55-year-old woman presented to the clinic')).toEqual({ age: 55, sex: 'female' });
    expect(parseDemographics('20-year-old male, race classified as Other')).toEqual({ age: 20, sex: 'male' });
  });

  it('splits a bracketed abbreviation off a diagnosis', () => {
    expect(diagnosisNames('Benign Paroxysmal Positional Vertigo (BPPV)')).toEqual({
      name: 'Benign Paroxysmal Positional Vertigo',
      synonyms: ['BPPV', 'Benign Paroxysmal Positional Vertigo (BPPV)'],
    });
    expect(diagnosisNames('Myasthenia gravis')).toEqual({ name: 'Myasthenia gravis', synonyms: [] });
  });

  it('names variants after the file and reads source options', () => {
    expect(variantOf('/x/agentclinic_medqa.jsonl')).toBe('medqa');
    expect(variantOf('agentclinic_nejm_extended.jsonl')).toBe('nejm-extended');
    expect(variantOf('agentclinic_mimiciv.jsonl')).toBe('mimiciv');
    expect(parseSourceSpec('/nowhere/cases.jsonl?exclude-leaky')).toEqual({ file: '/nowhere/cases.jsonl', excludeLeaky: true });
    expect(() => parseSourceSpec('/nowhere/cases.jsonl?bogus')).toThrow(/exclude-leaky/);
  });

  it('chooses departments by organ words, children to paediatrics', () => {
    expect(departmentFor('Acute interstitial nephritis', 62)).toBe('nephrology');
    expect(departmentFor('Pyoderma gangrenosum', 40)).toBe('dermatology');
    expect(departmentFor('Hirschsprung disease', 0)).toBe('paediatrics');
    expect(departmentFor('Schizotypal personality disorder', 30)).toBe('psychiatry');
    expect(departmentFor('Pancreatic adenocarcinoma', 60)).toBe('oncology');
  });
});

describe('one OSCE record → one scenario', () => {
  const scenario = importRecord(osceRecord(), '/data/agentclinic_medqa.jsonl', 7, catalogue);

  it('is a valid scenario with the record as its only patient (p = 1, negated symptoms absent)', () => {
    expect(scenario.id).toBe('agentclinic-medqa-007');
    expect(scenarioSchema.safeParse(fileForm(scenario)).success).toBe(true);
    expect(scenario.demographics).toEqual({ age: [47, 47], sex: 'male' });
    expect(scenario.complaints).toEqual([{ text: 'Dry cough.', findings: [scenario.findings[0].id] }]);
    expect(scenario.facts.every((fact) => fact.p === 1 || fact.p === 0)).toBe(true);
    expect(scenario.findings.find((f) => /haemoptysis/i.test(f.text))).toMatchObject({ p: 0, kind: 'symptom' });
    expect(scenario.findings.find((f) => f.id === 'fever')).toMatchObject({ kind: 'symptom', p: 1 });
  });

  it('takes code, department and synonyms from the library when the diagnosis is there', () => {
    expect(scenario.diagnosis.icd10).toBe('A15.0');
    expect(scenario.department).toBe('infectious-disease');
    expect(scenario.diagnosis.synonyms).toContain('TB');
  });

  it('turns vital signs into triage facts (abnormal ones in the shared vocabulary)', () => {
    const vitals = scenario.facts.filter((fact) => fact.kind === 'vital');
    expect(vitals.map((fact) => fact.id)).toEqual(
      expect.arrayContaining(['pyrexia', 'tachycardia', 'ac-vital-blood-pressure', 'ac-vital-respiratory-rate']),
    );
    expect(vitals.every((fact) => fact.source === 'triage')).toBe(true);
  });

  it('maps examination entries to the physical exam or a bedside test', () => {
    expect(scenario.facts.find((fact) => fact.kind === 'sign' && /crackles/.test(fact.text))).toMatchObject({
      testId: 'physical-exam',
      source: 'examination',
    });
    expect(scenario.facts.find((fact) => /Normal discs/.test(fact.text))).toMatchObject({ testId: 'fundoscopy' });
  });

  it('splits test groups into their analytes, normalises names, keeps the unmapped under ac- ids', () => {
    const byTest = (testId: string): string[] => scenario.facts.filter((fact) => fact.testId === testId).map((fact) => fact.text);
    expect(byTest('full-blood-count')).toEqual(['WBC: 13.2 x10^9/L']);
    expect(byTest('urea-electrolytes')).toEqual(['Sodium: 134 mmol/L']);
    expect(byTest('c-reactive-protein')).toEqual(['CRP: 88 mg/L']);
    expect(byTest('chest-xray')).toEqual(['Chest X-Ray: Cavitating lesion in the right upper lobe.']);
    expect(byTest('ct-chest')).toHaveLength(1);
    expect(byTest('sputum-afb-smear')).toHaveLength(1);
    expect(scenario.freeText?.results['ac-barium-swallow']).toEqual({ name: 'Barium swallow', text: 'Barium swallow: Normal swallow.' });
    expect(scenario.source?.fields['results.ac-barium-swallow.0']).toBe('Test_Results.Barium_Swallow.Findings');
  });

  it('keeps the history as free text with the field each sentence came from', () => {
    expect(scenario.freeText?.history).toContain('Social history: Smokes 10 cigarettes a day.');
    const i = scenario.freeText?.history.indexOf('Review of systems: Denies chest pain or ankle swelling.') ?? -1;
    expect(scenario.source?.fields[`history.${i}`]).toBe('Patient_Actor.Review_of_Systems');
  });

  it('leaves the ICD-10 code empty for a diagnosis the library lacks, and matches it by name alone', () => {
    const rare = importRecord(osceRecord({ diagnosis: 'Glanzmann’s Thrombasthenia' }), 'agentclinic_medqa.jsonl', 1, catalogue);
    expect(rare.diagnosis.icd10).toBe('');
    expect(rare.department).toBe('haematology');
    const truth = generateCase(rare, 1, 0).truth;
    expect(matchDiagnosis("Glanzmann's thrombasthenia", truth).correct).toBe(true);
    expect(matchDiagnosis('Bernard-Soulier syndrome', truth, 'D69.1').correct).toBe(false);
    expect(matchDiagnosis('Bernard-Soulier syndrome', truth, 'D69.1').partial).toBe(false);
  });
});

describe('other AgentClinic shapes', () => {
  it('imports an NEJM image-challenge record (distractors as near misses)', () => {
    const scenario = importRecord(nejmRecord(), 'agentclinic_nejm.jsonl', 2, catalogue);
    expect(scenario.id).toBe('agentclinic-nejm-002');
    expect(scenario.diagnosis.name).toBe('Bullous pemphigoid');
    expect(scenario.nearMisses).toEqual(expect.arrayContaining(['Pemphigus vulgaris', 'Dermatitis herpetiformis']));
    expect(scenario.demographics).toEqual({ age: [61, 61], sex: 'female' });
    expect(scenario.complaints[0].text).toBe('Itchy blisters on her arms and trunk.');
    expect(scenario.facts.find((fact) => fact.testId === 'skin-biopsy')?.text).toMatch(/Subepidermal/);
    expect(scenario.facts.find((fact) => fact.kind === 'sign')?.text).toMatch(/tense bullae/);
    expect(scenario.freeText?.history.join(' ')).toMatch(/ramipril/);
    expect(scenario.freeText?.history.join(' ')).not.toMatch(/your role|not aware/);
  });

  it('reads NEJM test lists with headers, items without a name, and "no readings" notes', () => {
    const base = nejmRecord();
    const withGroups = importRecord(
      {
        ...base,
        physical_exams:
          'Laboratory studies indicated: - New anaemia - Findings consistent with haemolysis Biopsy findings include: - Subepidermal cleft - Eosinophils in the dermis',
      },
      'agentclinic_nejm.jsonl',
      3,
      catalogue,
    );
    expect(withGroups.facts.filter((fact) => fact.testId === 'tissue-biopsy').map((fact) => fact.text)).toEqual([
      'Subepidermal cleft',
      'Eosinophils in the dermis',
    ]);
    expect(Object.values(withGroups.freeText?.results ?? {})).toEqual([
      { name: 'Laboratory studies', text: 'New anaemia\nFindings consistent with haemolysis' },
    ]);
    const none = importRecord(
      { ...base, physical_exams: 'The provided text does not include specific instrument readings or test results.' },
      'agentclinic_nejm.jsonl',
      4,
      catalogue,
    );
    expect(none.facts.filter((fact) => fact.kind === 'test')).toEqual([]);
    expect(none.freeText?.results).toEqual({});
    const listed = importRecord(
      {
        ...base,
        patient_info:
          'As a patient actor, you should be aware of the following: - You have had itchy blisters for two months. - You take ramipril. Remember, you do not know your diagnosis.',
      },
      'agentclinic_nejm.jsonl',
      5,
      catalogue,
    );
    expect(listed.freeText?.history).toEqual(['You have had itchy blisters for two months.', 'You take ramipril.']);
  });

  it('imports MIMIC-style records: flat results with specimen suffixes, list history, missing sections', () => {
    const record = osceRecord({
      tests: {
        Hemoglobin_Blood: '13.8',
        pH_Urine: '7.0',
        Lymphs_Cerebrospinal_Fluid: '62',
        blood_culture_routine: '',
        monospot: 'positive',
      },
    }) as { OSCE_Examination: Record<string, unknown> };
    (record.OSCE_Examination.Patient_Actor as Record<string, unknown>).History = [];
    delete (record.OSCE_Examination.Patient_Actor as Record<string, unknown>).Review_of_Systems;
    const scenario = importRecord(record, 'agentclinic_mimiciv.jsonl', 3, catalogue);
    const testOf = (text: RegExp): string | undefined => scenario.facts.find((fact) => text.test(fact.text))?.testId;
    expect(testOf(/Hemoglobin/)).toBe('full-blood-count');
    expect(testOf(/pH urine/i)).toBe('urinalysis');
    expect(testOf(/Lymphs/)).toBe('csf-analysis');
    expect(testOf(/Monospot/i)).toBe('ebv-serology');
    const noExam = importRecord(osceRecord({ exam: undefined, tests: undefined }), 'x.jsonl', 1, catalogue);
    expect(noExam.facts.length).toBeGreaterThan(0);
  });
});

describe('import files', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  it('reports each malformed line once (file:line: field: expected …) and imports the rest', () => {
    const file = join(dir, 'agentclinic_mixed.jsonl');
    const lines = [
      JSON.stringify(osceRecord()),
      '{ this is not json',
      JSON.stringify({ something: 'else', answers: 3 }),
      JSON.stringify({ notOsce: true }),
      JSON.stringify(osceRecord({ diagnosis: '  ' })),
      '',
      JSON.stringify(osceRecord({ demographics: 'adult' })),
      JSON.stringify(osceRecord({ diagnosis: 'Community-acquired pneumonia' })),
    ];
    writeFileSync(file, lines.join('\n'));
    const result = importAgentClinicFile(file, catalogue);
    expect(result.cases.map((c) => c.scenario.id)).toEqual(['agentclinic-mixed-001', 'agentclinic-mixed-008']);
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 7]);
    const messages = result.problems.map((p) => p.message);
    expect(messages[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: \\(line\\): expected one JSON object per line`),
    );
    expect(messages[1]).toContain(':3: answers: expected a list of answers');
    expect(messages[2]).toContain(':4: OSCE_Examination: expected an object');
    expect(messages[3]).toContain(':5: OSCE_Examination.Correct_Diagnosis: expected a non-empty diagnosis name');
    expect(messages[4]).toContain(':7: OSCE_Examination.Patient_Actor.Demographics: expected an age');
    for (const message of messages) expect(message.split('\n')).toHaveLength(1);
  });

  it('loads through --scenarios agentclinic:<file>, with ?exclude-leaky leaving leaky cases out', () => {
    const file = join(dir, 'agentclinic_two.jsonl');
    const leaky = osceRecord({ tests: { Sputum_Culture: { Findings: 'Growth consistent with pulmonary tuberculosis.' } } });
    writeFileSync(file, [JSON.stringify(osceRecord()), JSON.stringify(leaky)].join('\n'));
    expect(loadScenarioSources([`agentclinic:${file}`]).scenarios.map((s) => s.id)).toEqual(['agentclinic-two-001', 'agentclinic-two-002']);
    expect(loadScenarioSources([`agentclinic:${file}?exclude-leaky`]).scenarios.map((s) => s.id)).toEqual(['agentclinic-two-001']);
    const result = importAgentClinicText([JSON.stringify(leaky)].join('\n'), file, catalogue);
    expect(result.cases[0].leaks[0]).toMatchObject({ field: 'Test_Results.Sputum_Culture.Findings', term: 'Pulmonary tuberculosis' });
  });
});

describe.skipIf(!hasMedqa)('the shared AgentClinic MedQA file', () => {
  const result = hasMedqa ? importAgentClinicFile(medqaFile, catalogue) : undefined;

  it('imports all 107 cases with no error, as valid scenarios with unique ids', () => {
    expect(result?.problems).toEqual([]);
    expect(result?.cases).toHaveLength(107);
    const ids = result?.cases.map((c) => c.scenario.id) ?? [];
    expect(new Set(ids).size).toBe(107);
    expect(ids[0]).toBe('agentclinic-medqa-001');
    expect(ids[106]).toBe('agentclinic-medqa-107');
    for (const imported of result?.cases ?? []) {
      expect(scenarioSchema.safeParse(fileForm(imported.scenario)).success, imported.scenario.id).toBe(true);
      expect(imported.scenario.facts.some((fact) => fact.kind === 'vital') || imported.scenario.id === 'agentclinic-medqa-055').toBe(true);
    }
  });

  it('keeps every result of the record: mapped to the catalogue or answerable under an ac- id', () => {
    const first = result?.cases[0].scenario;
    expect(first?.diagnosis.name).toBe('Myasthenia gravis');
    expect(first?.facts.find((fact) => fact.testId === 'acetylcholine-receptor-antibodies')?.text).toBe(
      'Acetylcholine receptor antibodies: Present (elevated)',
    );
    expect(first?.facts.find((fact) => fact.testId === 'nerve-conduction-emg')).toBeDefined();
    expect(first?.facts.find((fact) => fact.testId === 'ct-chest')?.text).toMatch(/no thymoma/);
    const rubella = result?.cases[7].scenario;
    expect(rubella?.freeText?.results['ac-torch-screen']?.text).toMatch(/Rubella IgM: Positive/);
  });

  it('names the cases whose test results state the answer, with the field', () => {
    const leaky = new Map(result?.cases.filter((c) => c.leaks.length > 0).map((c) => [c.line, c.leaks.map((l) => l.field)]));
    for (const line of [2, 3, 11, 14, 18, 20, 23, 39, 48, 52, 62, 86, 87, 97, 102, 104, 107])
      expect(leaky.has(line), `line ${line}`).toBe(true);
    expect(leaky.get(3)).toEqual(['Test_Results.Barium_Enema.Findings']);
    expect(leaky.get(102)).toEqual(['Test_Results.Scrotal_Ultrasound.Findings']);
    expect(leaky.size).toBe(19);
  });
});
