import type { Department } from '../../domain/vocabulary.js';
import { numberEvents, type DiagnosisReport, type JourneyResult, type NewJourneyEvent } from '../../domain/journey.js';
import type { Fact, PatientCase } from '../../domain/patient-case.js';

/** Hand-built patients and journeys with known answers, for the scorers and the reports. */
const fact = (id: string, text: string, options: Partial<Fact> = {}): Fact => ({
  id,
  kind: 'symptom',
  source: 'patient',
  present: true,
  text,
  label: text,
  ask: [],
  key: false,
  ...options,
});

export function pneumoniaCase(overrides: Partial<PatientCase> = {}): PatientCase {
  return {
    caseId: 's1-p0',
    scenarioId: 'community-acquired-pneumonia',
    seed: 1,
    index: 0,
    demographics: { age: 64, sex: 'male' },
    complaint: { text: 'I have a cough and a fever.', factIds: ['cough'] },
    facts: [
      fact('cough', 'productive cough for five days', { key: true, label: 'cough' }),
      fact('fever', 'fever of 38.9 °C', { key: true, label: 'fever' }),
      fact('pleuritic-chest-pain', 'sharp chest pain on breathing in', { label: 'pleuritic chest pain' }),
      fact('tachypnoea', 'respiratory rate 26/min', { kind: 'vital', source: 'triage', label: 'fast breathing' }),
      fact('confusion', 'new confusion', { key: false, label: 'confusion', present: true }),
      fact('haemoptysis', 'coughing up blood', { present: false, label: 'haemoptysis' }),
      fact('chest-xray:consolidation', 'right lower lobe consolidation', {
        kind: 'test',
        source: 'test',
        testId: 'chest-xray',
        key: true,
        label: 'consolidation',
      }),
    ],
    course: { followUpDays: 7, treated: 'Better.', untreated: 'Worse.' },
    truth: {
      diagnosis: 'Community-acquired pneumonia',
      icd10: 'J18.9',
      synonyms: ['CAP', 'pneumonia'],
      acceptable: ['lobar pneumonia'],
      nearMisses: ['acute bronchitis'],
      department: 'respiratory',
      acuity: 3,
      redFlags: ['confusion'],
      treatment: 'Amoxicillin.',
    },
    ...overrides,
  };
}

export function report(overrides: Partial<DiagnosisReport> = {}): DiagnosisReport {
  return {
    diagnosis: 'Community-acquired pneumonia',
    icd10: 'J18.9',
    confidence: 0.8,
    differential: [
      { name: 'Community-acquired pneumonia', p: 0.8 },
      { name: 'Acute bronchitis', p: 0.15 },
      { name: 'Pulmonary embolism', p: 0.05 },
    ],
    evidence: [
      { factId: 'cough', text: 'productive cough', supports: true },
      { factId: 'fever', text: 'fever', supports: true },
      { factId: 'chest-xray:consolidation', text: 'consolidation on x-ray', supports: true },
    ],
    reasoning: 'Cough, fever and consolidation point to pneumonia.',
    plan: 'Oral amoxicillin; review in 48 hours.',
    disclaimer: 'This is a simulated assessment, not medical advice; a licensed physician must review it.',
    escalated: ['confusion'],
    ...overrides,
  };
}

type EventInit = NewJourneyEvent;

/** A completed journey: triage, a question, a chest x-ray, the diagnosis, a signed plan. */
export function journey(
  options: {
    report?: DiagnosisReport | null;
    triage?: { department: Department; acuity: number } | null;
    extra?: EventInit[];
    plan?: EventInit[];
  } = {},
): JourneyResult {
  const diagnosis = options.report === null ? undefined : (options.report ?? report());
  const triage: { department: Department; acuity: number } | null =
    options.triage === undefined ? { department: 'respiratory', acuity: 3 } : options.triage;
  const events: EventInit[] = [
    {
      t: 0,
      stage: 'arrive',
      actor: 'patient',
      type: 'arrive',
      text: 'arrives',
      data: { age: 54, sex: 'male', facility: 'tertiary' },
      factIds: ['cough'],
    },
    ...(triage
      ? [
          {
            t: 5,
            stage: 'triage',
            actor: 'nurse',
            type: 'triage',
            text: 'triage',
            data: { ...triage, rationale: 'cough' },
            factIds: ['tachypnoea'],
          } satisfies EventInit,
        ]
      : []),
    { t: 10, stage: 'consultation', actor: 'doctor', type: 'ask', text: 'Any fever?', data: { turn: 1 } },
    { t: 12, stage: 'consultation', actor: 'patient', type: 'answer', text: 'Yes, hot and cold.', factIds: ['fever'] },
    { t: 12, stage: 'examination', actor: 'doctor', type: 'order', text: 'Ordered: chest-xray', data: { tests: ['chest-xray'], turn: 2 } },
    {
      t: 72,
      stage: 'examination',
      actor: 'examiner',
      type: 'result',
      text: 'Chest x-ray: consolidation',
      data: { testId: 'chest-xray', available: true, cost: 45, minutes: 60 },
      factIds: ['chest-xray:consolidation'],
    },
    { t: 72, stage: 'examination', actor: 'doctor', type: 'order', text: 'Ordered: mri', data: { tests: ['mri'], turn: 3 } },
    {
      t: 72,
      stage: 'examination',
      actor: 'examiner',
      type: 'result',
      text: 'MRI: not available',
      data: { testId: 'mri', available: false, cost: 400, minutes: 0 },
    },
    ...(options.extra ?? []),
  ];
  if (diagnosis) {
    events.push({
      t: 72,
      stage: 'diagnosis',
      actor: 'doctor',
      type: 'diagnose',
      text: `Diagnosis: ${diagnosis.diagnosis}`,
      data: { report: diagnosis },
      factIds: diagnosis.evidence.flatMap((item) => (item.factId ? [item.factId] : [])),
    });
    events.push(
      ...(options.plan ?? [
        {
          t: 72,
          stage: 'treatment',
          actor: 'doctor',
          type: 'plan',
          text: 'Suggested plan',
          data: { plan: diagnosis.plan, signedOff: false },
        } satisfies EventInit,
        {
          t: 102,
          stage: 'treatment',
          actor: 'physician',
          type: 'plan',
          text: 'Signed off',
          data: { plan: diagnosis.plan, signedOff: true },
        } satisfies EventInit,
      ]),
    );
  }
  return {
    index: 0,
    caseId: 's1-p0',
    scenarioId: 'community-acquired-pneumonia',
    status: diagnosis ? 'completed' : 'failed',
    ...(diagnosis ? {} : { reason: 'no diagnosis within the budget of 1 turns' }),
    department: 'respiratory',
    acuity: triage?.acuity,
    report: diagnosis,
    events: numberEvents(events),
    timeToDiagnosis: diagnosis ? 72 : undefined,
  };
}

export const metricOf = (scores: { metric: string; value: number; detail?: Record<string, unknown> }[], metric: string) => {
  const found = scores.find((score) => score.metric === metric);
  if (!found) throw new Error(`no metric ${metric}`);
  return found;
};
