import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../domain/paths.js';

/** The shared MedQA file, relative to the package root (../shared/data/agentclinic/). */
export const medqaFile = join(packageRoot(), '..', 'shared', 'data', 'agentclinic', 'agentclinic_medqa.jsonl');
export const hasMedqa = existsSync(medqaFile);
if (!hasMedqa) process.stderr.write(`note: ${medqaFile} is absent; the AgentClinic MedQA tests are skipped\n`);

/** A small OSCE record in the AgentClinic shape, with wording of our own. */
export function osceRecord(
  overrides: { diagnosis?: unknown; demographics?: string; tests?: unknown; exam?: unknown } = {},
): Record<string, unknown> {
  return {
    OSCE_Examination: {
      Objective_for_Doctor: 'Assess the patient with a cough.',
      Patient_Actor: {
        Demographics: overrides.demographics ?? '47-year-old man',
        History: 'The patient reports a dry cough for two weeks. He notes that it is worse at night. He has lost some weight.',
        Symptoms: { Primary_Symptom: 'Dry cough', Secondary_Symptoms: ['Fever', 'Night sweats', 'No haemoptysis'] },
        Past_Medical_History: 'Type 2 diabetes on metformin.',
        Social_History: 'Smokes 10 cigarettes a day. Works as a welder.',
        Review_of_Systems: 'Denies chest pain or ankle swelling.',
      },
      Physical_Examination_Findings: overrides.exam ?? {
        Vital_Signs: {
          Temperature: '38.4°C (101.1°F)',
          Blood_Pressure: '128/76 mmHg',
          Heart_Rate: '112 bpm',
          Respiratory_Rate: '18 breaths/min',
        },
        Respiratory_Examination: { Auscultation: 'Coarse crackles at the right apex.' },
        Ophthalmoscopy: 'Normal discs.',
      },
      Test_Results: overrides.tests ?? {
        Blood_Tests: { WBC: '13.2 x10^9/L', Sodium: '134 mmol/L', CRP: '88 mg/L' },
        'Chest_X-Ray': { Findings: 'Cavitating lesion in the right upper lobe.' },
        Imaging: { CT_Scan_Chest: { Findings: 'Thick-walled cavity, right apex.' } },
        Sputum_Smear: { Findings: 'Acid-fast bacilli seen.' },
        Barium_Swallow: { Findings: 'Normal swallow.' },
      },
      Correct_Diagnosis: overrides.diagnosis === undefined ? 'Pulmonary tuberculosis' : overrides.diagnosis,
    },
  };
}

/** A record in the NEJM image-challenge shape, with wording of our own. */
export function nejmRecord(): Record<string, unknown> {
  return {
    image_url: 'https://example.org/image.png',
    question:
      'A 61-year-old woman presented with a 2-month history of itchy blisters on her arms and trunk. On physical examination, tense bullae on an erythematous base were seen on the forearms. A skin biopsy showed a subepidermal split. What is the most likely diagnosis?',
    patient_info:
      "For your role as a patient, here's what you know: - You are a 61-year-old woman. - **Skin**: You've had itchy blisters on your arms and trunk for two months. - You take ramipril for blood pressure. Remember, you are not aware of the biopsy result.",
    physical_exams:
      'Skin biopsy: Subepidermal blister with eosinophils. - Direct immunofluorescence: Linear IgG and C3 along the basement membrane.',
    answers: [
      { text: 'Pemphigus vulgaris', correct: false },
      { text: 'Bullous pemphigoid', correct: true },
      { text: 'Dermatitis herpetiformis', correct: false },
    ],
  };
}
