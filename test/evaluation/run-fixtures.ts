import { openDatabase } from '../../environment/records/database.js';
import { RunStore, type RunConfig, type RunRecord } from '../../environment/records/run-store.js';
import { Rng } from '../../domain/random.js';
import { scoreJourney } from '../../evaluation/scorers.js';
import type { Department } from '../../scenarios/schema.js';
import { journey, pneumoniaCase, report } from './journey-fixtures.js';

/** Five diseases over five departments, each with the answer a weak doctor confuses it with. */
const diseases: { scenarioId: string; name: string; icd10: string; department: Department; confusedWith: string[] }[] = [
  {
    scenarioId: 'community-acquired-pneumonia',
    name: 'Community-acquired pneumonia',
    icd10: 'J18.9',
    department: 'respiratory',
    confusedWith: ['Acute bronchitis', 'Pulmonary embolism'],
  },
  {
    scenarioId: 'stemi',
    name: 'ST-elevation myocardial infarction',
    icd10: 'I21.3',
    department: 'cardiology',
    confusedWith: ['Unstable angina', 'Acute pericarditis'],
  },
  { scenarioId: 'migraine', name: 'Migraine', icd10: 'G43.9', department: 'neurology', confusedWith: ['Tension-type headache'] },
  {
    scenarioId: 'appendicitis',
    name: 'Acute appendicitis',
    icd10: 'K35.8',
    department: 'gastroenterology',
    confusedWith: ['Mesenteric adenitis', 'Gastroenteritis'],
  },
  { scenarioId: 'cystitis', name: 'Acute cystitis', icd10: 'N30.0', department: 'urology', confusedWith: ['Pyelonephritis'] },
];

export function baseConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    scenarios: ['builtin'],
    scenarioHash: 'fixture-hash-0001',
    scenarioCount: diseases.length,
    seed: 11,
    patients: 60,
    repeats: 1,
    concurrency: 1,
    maxTurns: 20,
    maxReferrals: 1,
    facility: 'tertiary',
    models: { triage: 'builtin', specialist: 'builtin', followUp: 'builtin', patient: 'builtin', examiner: 'builtin' },
    ...overrides,
  };
}

/**
 * Record a run of hand-built journeys: patient i has disease i mod 5 in every run of the same
 * seed; the doctor is right with probability `skill` (drawn per slot from `doctorSeed`).
 */
export function recordFixtureRun(
  store: RunStore,
  options: { config?: Partial<RunConfig>; skill?: number; doctorSeed?: number; costPerTest?: number } = {},
): RunRecord {
  const run = store.createRun(baseConfig(options.config));
  for (let index = 0; index < run.patients; index++) {
    const disease = diseases[(index + run.seed) % diseases.length];
    for (let sample = 0; sample < run.repeats; sample++) {
      const rng = Rng.derive('fixture-doctor', options.doctorSeed ?? 1, index, sample);
      const right = rng.chance(options.skill ?? 0.8);
      const given = right ? disease.name : rng.pick(disease.confusedWith);
      const patient = pneumoniaCase({
        caseId: `s${run.seed}-p${index}`,
        scenarioId: disease.scenarioId,
        seed: run.seed,
        index,
        truth: {
          ...pneumoniaCase().truth,
          diagnosis: disease.name,
          icd10: disease.icd10,
          synonyms: [],
          acceptable: [],
          nearMisses: [],
          department: disease.department,
        },
      });
      const base = journey({
        report: report({
          diagnosis: given,
          icd10: right ? disease.icd10 : undefined,
          differential: [
            { name: given, p: 0.7 },
            { name: disease.name, p: 0.2 },
          ],
        }),
        triage: { department: rng.chance(0.9) ? disease.department : 'general-medicine', acuity: 3 },
      });
      const cost = (options.costPerTest ?? 45) * (1 + diseases.indexOf(disease));
      const events = base.events.map((event) =>
        event.type === 'result' && event.data?.available ? { ...event, data: { ...event.data, cost } } : event,
      );
      const result = { ...base, index, caseId: patient.caseId, scenarioId: disease.scenarioId, events };
      store.saveJourney(run.id, sample, result, patient, scoreJourney(result, patient));
    }
  }
  store.setStatus(run.id, 'completed');
  return store.getRun(run.id);
}

export function openStore(file: string): RunStore {
  return new RunStore(openDatabase(file));
}
