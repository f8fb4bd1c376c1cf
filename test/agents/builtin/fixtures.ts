import { loadCatalogue, type Catalogue } from '../../../scenarios/catalogue.js';
import { assembleScenarioSet, compileScenario, type LoadedScenario, type ScenarioSet } from '../../../scenarios/loader.js';
import type { Fact, PatientCase } from '../../../domain/patient-case.js';
import { scenarioSchema, type ScenarioFile } from '../../../scenarios/schema.js';

/**
 * Four small scenarios with clear, partly overlapping patterns, for exact expectations that must
 * not depend on the library being written alongside.
 */
const course = { followUpDays: 7, treated: 'Feeling much better.', untreated: 'Feeling worse.' };
const references = ['Fixture textbook, 2024'];

export const fixtureFiles: ScenarioFile[] = [
  {
    id: 'fixture-pneumonia',
    title: 'Fixture pneumonia',
    department: 'respiratory',
    acuity: 3,
    diagnosis: { name: 'Fixture pneumonia', icd10: 'J18.9', synonyms: ['chest infection'] },
    demographics: { age: [20, 90] },
    complaints: [{ text: 'I have a cough and I feel hot.', findings: ['cough', 'fever'] }],
    findings: [
      { id: 'cough', kind: 'symptom', text: 'cough for five days', says: 'Yes, I keep coughing.', p: 0.9, ask: ['cough', 'coughing'] },
      {
        id: 'fever',
        kind: 'symptom',
        text: 'fever with rigors',
        says: "I've been hot and shivery.",
        p: 0.85,
        ask: ['fever', 'temperature', 'chills'],
      },
      {
        id: 'dyspnoea',
        kind: 'symptom',
        text: 'breathless on exertion',
        says: 'I get out of breath on the stairs.',
        p: 0.6,
        ask: ['short of breath', 'breathless', 'shortness of breath'],
      },
      {
        id: 'smoker',
        kind: 'history',
        text: 'smokes 20 a day',
        says: 'I smoke twenty a day.',
        p: 0.4,
        ask: ['smoke', 'smoking', 'cigarettes'],
      },
      { id: 'tachypnoea', kind: 'vital', text: 'respiratory rate 26/min', p: 0.6 },
      { id: 'hypoxaemia', kind: 'vital', text: 'SpO2 90 % on air', p: 0.3 },
      { id: 'focal-crackles', kind: 'sign', text: 'crackles at the right base', p: 0.8, key: true },
    ],
    tests: [
      { test: 'chest-xray', finding: 'consolidation', text: 'right lower lobe consolidation', p: 0.95, key: true },
      { test: 'c-reactive-protein', finding: 'raised', text: 'CRP 160 mg/L', p: 0.85 },
    ],
    redFlags: ['hypoxaemia'],
    treatment: 'Antibiotics by severity score; oxygen if saturation is low.',
    course,
    references,
  },
  {
    id: 'fixture-infarction',
    title: 'Fixture infarction',
    department: 'cardiology',
    acuity: 2,
    diagnosis: { name: 'Fixture infarction', icd10: 'I21.9', synonyms: [] },
    demographics: { age: [40, 90] },
    complaints: [{ text: 'I have a crushing pain in my chest.', findings: ['chest-pain'] }],
    findings: [
      {
        id: 'chest-pain',
        kind: 'symptom',
        text: 'central crushing chest pain',
        says: 'It feels like a weight on my chest.',
        p: 0.95,
        ask: ['chest pain', 'chest'],
        key: true,
      },
      {
        id: 'sweating',
        kind: 'symptom',
        text: 'sweating with the pain',
        says: 'I was drenched in sweat.',
        p: 0.7,
        ask: ['sweat', 'sweating', 'clammy'],
      },
      {
        id: 'dyspnoea',
        kind: 'symptom',
        text: 'short of breath with the pain',
        says: "I couldn't catch my breath.",
        p: 0.4,
        ask: ['breathless', 'short of breath', 'breathing'],
      },
      { id: 'smoker', kind: 'history', text: 'ex-smoker', says: 'I used to smoke.', p: 0.6, ask: ['smoke', 'smoking', 'tobacco'] },
      { id: 'tachycardia', kind: 'vital', text: 'heart rate 112/min', p: 0.5 },
      { id: 'hypotension', kind: 'vital', text: 'blood pressure 88/54 mmHg', p: 0.2 },
    ],
    tests: [
      { test: 'ecg', finding: 'st-elevation', text: 'ST elevation in II, III and aVF', p: 0.85, key: true },
      { test: 'troponin', finding: 'raised', text: 'troponin 2400 ng/L', p: 0.95, key: true },
    ],
    redFlags: ['hypotension'],
    treatment: 'Reperfusion, antiplatelets and anticoagulation per protocol.',
    course,
    references,
  },
  {
    id: 'fixture-migraine',
    title: 'Fixture migraine',
    department: 'neurology',
    acuity: 4,
    diagnosis: { name: 'Fixture migraine', icd10: 'G43.9', synonyms: [] },
    demographics: { age: [15, 60] },
    complaints: [{ text: 'My head is pounding.', findings: ['headache'] }],
    findings: [
      {
        id: 'headache',
        kind: 'symptom',
        text: 'throbbing one-sided headache',
        says: 'It throbs on one side.',
        p: 1,
        ask: ['headache', 'head'],
      },
      {
        id: 'photophobia',
        kind: 'symptom',
        text: 'light hurts the eyes',
        says: 'Bright light makes it worse.',
        p: 0.8,
        ask: ['light', 'bright'],
      },
      {
        id: 'nausea',
        kind: 'symptom',
        text: 'nausea with the headache',
        says: 'I feel sick with it.',
        p: 0.6,
        ask: ['nausea', 'sick', 'queasy'],
      },
      {
        id: 'previous-episodes',
        kind: 'history',
        text: 'similar headaches since her teens',
        says: "I've had these since I was a teenager.",
        p: 0.8,
        ask: ['before', 'previous', 'episodes'],
      },
    ],
    tests: [],
    treatment: 'Simple analgesia with an antiemetic; a triptan if needed.',
    course,
    references,
  },
  {
    id: 'fixture-cystitis',
    title: 'Fixture cystitis',
    department: 'urology',
    acuity: 5,
    diagnosis: { name: 'Fixture cystitis', icd10: 'N30.0', synonyms: [] },
    demographics: { age: [16, 70], sex: 'female' },
    complaints: [{ text: 'It burns when I pass water.', findings: ['dysuria'] }],
    findings: [
      {
        id: 'dysuria',
        kind: 'symptom',
        text: 'burning on passing urine',
        says: 'It stings when I wee.',
        p: 0.95,
        ask: ['burning', 'stinging', 'pass water', 'wee'],
      },
      {
        id: 'frequency',
        kind: 'symptom',
        text: 'passing urine every hour',
        says: "I'm going all the time.",
        p: 0.8,
        ask: ['frequency', 'often', 'toilet'],
      },
      { id: 'fever', kind: 'symptom', text: 'mild fever', says: 'A bit hot.', p: 0.1, ask: ['fever', 'temperature'] },
    ],
    tests: [{ test: 'urine-dipstick', finding: 'nitrites-leucocytes', text: 'nitrites positive, leucocytes 3+', p: 0.9, key: true }],
    treatment: 'A short course of an antibiotic for lower urinary tract infection.',
    course,
    references,
  },
];

export function fixtureSet(catalogue: Catalogue = loadCatalogue()): ScenarioSet {
  const scenarios: LoadedScenario[] = fixtureFiles.map((file) => compileScenario(scenarioSchema.parse(file), '', catalogue));
  return assembleScenarioSet(scenarios, catalogue, ['fixtures']);
}

/** A patient drawn from a scenario with every finding's presence chosen by the test. */
export function fixedCase(
  scenario: LoadedScenario,
  present: readonly string[],
  options: { age?: number; sex?: 'female' | 'male' } = {},
): PatientCase {
  const facts: Fact[] = scenario.facts.map((fact) => ({
    id: fact.id,
    kind: fact.kind,
    source: fact.source,
    testId: fact.testId,
    present: present.includes(fact.id),
    text: fact.text,
    says: fact.says,
    label: fact.label,
    ask: fact.ask,
    key: fact.key,
  }));
  const [complaint] = scenario.complaints;
  return {
    caseId: `fixed-${scenario.id}`,
    scenarioId: scenario.id,
    seed: 1,
    index: 0,
    demographics: {
      age: options.age ?? scenario.demographics.age[0] + 10,
      sex: options.sex ?? (scenario.demographics.sex === 'male' ? 'male' : 'female'),
    },
    complaint: { text: complaint.text, factIds: complaint.findings },
    facts,
    course: scenario.course,
    truth: {
      diagnosis: scenario.diagnosis.name,
      icd10: scenario.diagnosis.icd10,
      synonyms: scenario.diagnosis.synonyms,
      acceptable: scenario.acceptable,
      nearMisses: scenario.nearMisses,
      department: scenario.department,
      acuity: scenario.acuity,
      redFlags: scenario.redFlags.filter((id) => present.includes(id)),
      treatment: scenario.treatment,
    },
  };
}

export function scenarioOf(set: ScenarioSet, id: string): LoadedScenario {
  const found = set.scenarios.find((scenario) => scenario.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}
