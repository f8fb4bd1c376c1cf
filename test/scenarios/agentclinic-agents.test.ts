import { describe, expect, it } from 'vitest';
import { answerFromFreeText, inPatientVoice, nothingLikeThat } from '../../agents/builtin/free-text-patient.js';
import { performFromFreeText } from '../../agents/builtin/free-text-examiner.js';
import { importRecord } from '../../scenarios/agentclinic/index.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { generateCase } from '../../scenarios/generator.js';
import type { PatientCase } from '../../domain/patient-case.js';
import { createBuiltinAgents } from '../../agents/builtin/index.js';
import type { HospitalAgents } from '../../agents/roles.js';
import { buildHospitalGraph, runJourney } from '../../environment/hospital-graph.js';
import type { HospitalDeps } from '../../environment/journey-state.js';
import { loadScenarioSources } from '../../scenarios/sources.js';
import { hasMedqa, medqaFile, nejmRecord, osceRecord } from './agentclinic-fixtures.js';

const catalogue = loadCatalogue();

/** The patient drawn from an imported case, with its free text (as the generator is to attach it). */
function patientOf(record: Record<string, unknown>, line = 1): PatientCase {
  const scenario = importRecord(record, 'agentclinic_medqa.jsonl', line, catalogue);
  return { ...generateCase(scenario, 1, 0), freeText: scenario.freeText };
}

describe('the free-text patient', () => {
  const patient = patientOf(osceRecord());

  it('is exactly the record (every symptom present, negated ones absent)', () => {
    const symptoms = patient.facts.filter((fact) => fact.kind === 'symptom');
    expect(symptoms.filter((fact) => fact.present).map((fact) => fact.text)).toEqual(['Dry cough', 'Fever', 'Night sweats']);
    expect(symptoms.filter((fact) => !fact.present).map((fact) => fact.text)).toEqual(['Haemoptysis']);
  });

  it('answers from the history sentences that share the question’s telling words, in the first person', () => {
    const smoking = answerFromFreeText('Do you smoke cigarettes?', patient);
    expect(smoking.text).toBe('Smokes 10 cigarettes a day.');
    const night = answerFromFreeText('Is the cough worse at any time of day?', patient);
    expect(night.text).toContain('I note that it is worse at night.');
    expect(night.factIds).toContain(patient.complaint.factIds[0]);
    const job = answerFromFreeText('What do you do for a living, what is your job?', patient);
    expect(job.text).toContain('welder');
    expect(answerFromFreeText('Do you take any medication?', patient).text).toMatch(/metformin/);
    expect(answerFromFreeText('Do you have any medical conditions?', patient).text).toBe('Type 2 diabetes on metformin.');
  });

  it('tells present symptoms, denies absent ones, and says so plainly when nothing fits', () => {
    expect(answerFromFreeText('Have you had a fever?', patient)).toMatchObject({
      text: expect.stringMatching(/^Yes, fever\./),
      factIds: expect.arrayContaining(['fever']),
    });
    const blood = answerFromFreeText('Any haemoptysis?', patient);
    expect(blood.text).toMatch(/^No, I haven't had any/);
    expect(blood.factIds).toContain(patient.facts.find((f) => f.text === 'Haemoptysis')?.id);
    expect(answerFromFreeText('Any chest pain?', patient).text).toBe("I haven't had chest pain or ankle swelling.");
    expect(answerFromFreeText('Have you noticed a rash on your feet?', patient)).toEqual({ text: nothingLikeThat, factIds: [] });
  });

  it('answers age and the complaint', () => {
    expect(answerFromFreeText('How old are you?', patient).text).toBe("I'm 47.");
    expect(answerFromFreeText('What brings you in today?', patient).text).toBe('Dry cough.');
  });

  it('speaks for a young child through the parent, and turns second person into first', () => {
    const child = patientOf(osceRecord({ demographics: '4-year-old girl' }));
    expect(inPatientVoice('The patient has had a rash for two days.', child)).toBe('My daughter has had a rash for two days.');
    expect(answerFromFreeText('How old is she?', child).text).toBe('My daughter is 4.');
    const nejm = { ...patientOf(nejmRecord()) };
    expect(answerFromFreeText('Do you take any medicines?', nejm).text).toBe('I take ramipril for blood pressure.');
  });
});

describe('the free-text examiner', () => {
  const patient = patientOf(osceRecord());

  it('reports mapped results by the catalogue, the case’s own under their ac- id, and normal reports otherwise', () => {
    const [cbc, xray, barium, ecg] = performFromFreeText(['CBC', 'chest x-ray', 'barium swallow', 'ECG'], patient, 'tertiary', catalogue);
    expect(cbc).toMatchObject({
      testId: 'full-blood-count',
      available: true,
      text: 'WBC: 13.2 x10^9/L',
      cost: catalogue.get('full-blood-count')?.cost,
    });
    expect(xray.text).toMatch(/Cavitating lesion/);
    expect(barium.testId).toBeUndefined();
    expect(barium).toMatchObject({
      name: 'Barium swallow',
      available: true,
      factIds: ['ac-barium-swallow'],
      text: 'Barium swallow: Normal swallow.',
    });
    expect(barium.cost).toBeGreaterThan(0);
    expect(ecg).toMatchObject({ testId: 'ecg', text: catalogue.get('ecg')?.normal, factIds: [] });
  });

  it('goes by the facility, and reports a test nobody has as not available', () => {
    const [ct, torch] = performFromFreeText(['CT chest', 'TORCH screen'], patient, 'village', catalogue);
    expect(ct).toMatchObject({ testId: 'ct-chest', available: false, cost: 0 });
    expect(torch).toMatchObject({ available: false, text: expect.stringMatching(/no such test/) });
  });

  it('reports the examined system for an examination request, the whole examination otherwise', () => {
    const [chest] = performFromFreeText(['respiratory examination'], patient, 'village', catalogue);
    expect(chest).toMatchObject({ testId: 'physical-exam', available: true });
    expect(chest.text).toBe('Respiratory examination, Auscultation: Coarse crackles at the right apex.');
    const [all] = performFromFreeText(['physical-exam'], patient, 'village', catalogue);
    expect(all.factIds.length).toBeGreaterThanOrEqual(1);
    expect(performFromFreeText(['CBC', 'full blood count'], patient, 'village', catalogue)).toHaveLength(1);
  });
});

describe.skipIf(!hasMedqa)('all 107 MedQA cases through the hospital graph with the free-text patient and examiner', () => {
  it('completes every journey, and the answers come from the case', async () => {
    const set = loadScenarioSources([`agentclinic:${medqaFile}`]);
    const builtin = createBuiltinAgents(set);
    const agents: HospitalAgents = {
      ...builtin,
      patient: { answer: async (question, patient) => answerFromFreeText(question, patient) },
      examiner: {
        perform: async (requests, patient, facility) => ({ performed: performFromFreeText(requests, patient, facility, set.catalogue) }),
      },
    };
    const deps: HospitalDeps = { agents, catalogue: set.catalogue, options: { facility: 'tertiary', maxTurns: 20, maxReferrals: 1 } };
    const graph = buildHospitalGraph(deps);
    let answered = 0;
    for (const [i, scenario] of set.scenarios.entries()) {
      const patient: PatientCase = { ...generateCase(scenario, 1, i), freeText: scenario.freeText };
      const journey = await runJourney(graph, patient, 0, deps);
      expect(journey.status, `${scenario.id}: ${journey.reason ?? ''}`).toBe('completed');
      answered += journey.events.filter((event) => event.type === 'answer').length;
    }
    expect(set.scenarios).toHaveLength(107);
    expect(answered).toBeGreaterThan(0);
  }, 300_000);
});
