import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { createElement } from 'react';
import { ReplayApp } from '../cli/tui/ReplayApp.js';
import { openDatabase } from '../environment/records/database.js';
import { JourneyQuery } from '../environment/records/journey-query.js';
import { RunStore, type RunRecord } from '../environment/records/run-store.js';
import { numberEvents, type JourneyResult, type NewJourneyEvent } from '../domain/journey.js';
import { scoreJourney } from '../evaluation/scorers.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Department } from '../scenarios/schema.js';

/**
 * The replay benchmark: a run of many stored journeys, and the time the browser takes to show
 * its first frame, with the process's memory after it. The journeys are hand-built (no agents),
 * so the numbers measure the records and the UI only.
 */

const diseases: { scenario: string; name: string; icd10: string; department: Department }[] = [
  { scenario: 'community-pneumonia', name: 'Community-acquired pneumonia', icd10: 'J18.9', department: 'respiratory' },
  { scenario: 'acute-appendicitis', name: 'Acute appendicitis', icd10: 'K35.8', department: 'gastroenterology' },
  { scenario: 'stemi', name: 'ST-elevation myocardial infarction', icd10: 'I21.3', department: 'cardiology' },
  { scenario: 'migraine', name: 'Migraine without aura', icd10: 'G43.0', department: 'neurology' },
];

/** A patient case and a complete journey for slot `index`: every stage, tests with costs, a diagnosis citing one fact never revealed. */
export function syntheticJourney(index: number, seed = 1): { patient: PatientCase; journey: JourneyResult } {
  const disease = diseases[index % diseases.length];
  const wrong = index % 3 === 2;
  const given = wrong ? diseases[(index + 1) % diseases.length] : disease;
  const patient: PatientCase = {
    caseId: `s${seed}-p${index}`,
    scenarioId: disease.scenario,
    seed,
    index,
    demographics: { age: 30 + (index % 50), sex: index % 2 ? 'male' : 'female' },
    complaint: { text: 'I have had a fever and a cough for three days.', factIds: ['fever'] },
    facts: [
      {
        id: 'fever',
        kind: 'symptom',
        source: 'patient',
        present: true,
        text: 'fever for three days',
        label: 'fever',
        ask: ['fever'],
        key: true,
      },
      {
        id: 'cough',
        kind: 'symptom',
        source: 'patient',
        present: true,
        text: 'productive cough',
        label: 'cough',
        ask: ['cough'],
        key: true,
      },
      {
        id: 'chest-pain',
        kind: 'symptom',
        source: 'patient',
        present: false,
        text: 'pleuritic chest pain',
        label: 'chest pain',
        ask: ['chest pain'],
        key: false,
      },
      {
        id: 'tachycardia',
        kind: 'vital',
        source: 'triage',
        present: true,
        text: 'heart rate 112/min',
        label: 'tachycardia',
        ask: [],
        key: false,
      },
      {
        id: 'chest-xray:consolidation',
        kind: 'test',
        source: 'test',
        testId: 'chest-xray',
        present: true,
        text: 'right lower lobe consolidation',
        label: 'consolidation',
        ask: [],
        key: true,
      },
    ],
    course: { followUpDays: 7, treated: 'Much better, the fever is gone.', untreated: 'Worse, now breathless.' },
    truth: {
      diagnosis: disease.name,
      icd10: disease.icd10,
      synonyms: [],
      acceptable: [],
      nearMisses: [],
      department: disease.department,
      acuity: 3,
      redFlags: [],
      treatment: 'Treat.',
    },
  };
  const steps: NewJourneyEvent[] = [
    {
      t: 0,
      stage: 'arrive',
      actor: 'patient',
      type: 'arrive',
      text: `A ${patient.demographics.age}-year-old ${patient.demographics.sex} arrives: "${patient.complaint.text}"`,
      data: { age: patient.demographics.age, sex: patient.demographics.sex, facility: 'tertiary' },
      factIds: ['fever'],
    },
    {
      t: 5,
      stage: 'triage',
      actor: 'nurse',
      type: 'triage',
      text: `Vital signs: heart rate 112/min. Sent to ${given.department}, acuity 3.`,
      data: { department: given.department, acuity: 3, rationale: 'fever with tachycardia' },
      factIds: ['tachycardia'],
    },
    {
      t: 10,
      stage: 'register',
      actor: 'system',
      type: 'register',
      text: `Registered with ${given.department}.`,
      data: { department: given.department },
    },
    { t: 15, stage: 'consultation', actor: 'doctor', type: 'ask', text: 'Do you have a cough?', data: { turn: 1 } },
    { t: 17, stage: 'consultation', actor: 'patient', type: 'answer', text: 'Yes, I cough up yellow phlegm.', factIds: ['cough'] },
    { t: 17, stage: 'consultation', actor: 'doctor', type: 'ask', text: 'Any pain in the chest when you breathe in?', data: { turn: 2 } },
    { t: 19, stage: 'consultation', actor: 'patient', type: 'answer', text: 'No, no chest pain.', factIds: ['chest-pain'] },
    {
      t: 19,
      stage: 'examination',
      actor: 'doctor',
      type: 'order',
      text: 'Ordered: chest-xray, cbc',
      data: { tests: ['chest-xray', 'cbc'], reason: 'suspected pneumonia', turn: 3 },
    },
    {
      t: 49,
      stage: 'examination',
      actor: 'examiner',
      type: 'result',
      text: 'Chest X-ray: right lower lobe consolidation',
      data: { testId: 'chest-xray', requested: 'chest-xray', available: true, cost: 40, minutes: 30 },
      factIds: ['chest-xray:consolidation'],
    },
    {
      t: 49,
      stage: 'examination',
      actor: 'examiner',
      type: 'result',
      text: 'Full blood count: within normal limits',
      data: { testId: 'cbc', requested: 'cbc', available: true, cost: 12, minutes: 20 },
      factIds: [],
    },
  ];
  const report = {
    diagnosis: given.name,
    icd10: given.icd10,
    confidence: wrong ? 0.55 : 0.82,
    differential: [
      { name: given.name, p: wrong ? 0.55 : 0.82 },
      { name: diseases[(index + 2) % diseases.length].name, p: wrong ? 0.3 : 0.12 },
      { name: diseases[(index + 3) % diseases.length].name, p: 0.06 },
    ],
    evidence: [
      { factId: 'fever', text: 'fever for three days', supports: true },
      { factId: 'chest-xray:consolidation', text: 'right lower lobe consolidation', supports: true },
      { factId: 'crackles', text: 'crackles at the right base', supports: true },
      { factId: 'chest-pain', text: 'no pleuritic chest pain', supports: false },
    ],
    reasoning: 'Fever, productive cough and a lobar consolidation on the X-ray make a bacterial pneumonia the leading explanation.',
    plan: 'Oral amoxicillin for five days; review in a week.',
    disclaimer: 'Simulated; not medical advice.',
  };
  steps.push(
    {
      t: 49,
      stage: 'diagnosis',
      actor: 'doctor',
      type: 'diagnose',
      text: `Diagnosis: ${report.diagnosis} (${report.icd10}), confidence ${Math.round(report.confidence * 100)} %.`,
      data: { report },
      factIds: report.evidence.map((item) => item.factId),
    },
    {
      t: 49,
      stage: 'treatment',
      actor: 'doctor',
      type: 'plan',
      text: `Suggested plan: ${report.plan}`,
      data: { plan: report.plan, signedOff: false },
    },
    {
      t: 79,
      stage: 'treatment',
      actor: 'physician',
      type: 'plan',
      text: 'Plan reviewed and signed off by the attending physician.',
      data: { plan: report.plan, signedOff: true },
    },
    {
      t: 79 + 7 * 1440,
      stage: 'follow-up',
      actor: 'patient',
      type: 'answer',
      text: wrong ? patient.course.untreated : patient.course.treated,
      data: { days: 7, trend: wrong ? 'worse' : 'improving' },
    },
    {
      t: 79 + 7 * 1440,
      stage: 'follow-up',
      actor: 'doctor',
      type: 'follow-up',
      text: wrong ? 'Not improving; readmit.' : 'Improving; discharge.',
      data: wrong
        ? { status: 'worse', action: 'readmit', note: 'Not improving; readmit.' }
        : { status: 'improving', action: 'discharge', note: 'Improving; discharge.' },
    },
    {
      t: 79 + 7 * 1440,
      stage: 'discharge',
      actor: 'system',
      type: 'discharge',
      text: wrong ? `Readmitted to ${given.department} for further care.` : 'Discharged from follow-up.',
      data: { readmitted: wrong },
    },
  );
  const journey: JourneyResult = {
    index,
    caseId: patient.caseId,
    scenarioId: patient.scenarioId,
    status: 'completed',
    department: given.department,
    acuity: 3,
    report,
    followUp: {
      status: wrong ? 'worse' : 'improving',
      action: wrong ? 'readmit' : 'discharge',
      note: wrong ? 'Not improving.' : 'Improving.',
    },
    events: numberEvents(steps),
    timeToDiagnosis: 49,
  };
  return { patient, journey };
}

/** Record a run of `journeys` synthetic journeys (one transaction per thousand) and return it. */
export function seedSyntheticRun(store: RunStore, journeys: number, name = 'synthetic'): RunRecord {
  const run = store.createRun({
    name,
    scenarios: ['synthetic'],
    scenarioHash: 'synthetic',
    scenarioCount: diseases.length,
    seed: 1,
    patients: journeys,
    repeats: 1,
    concurrency: 1,
    maxTurns: 20,
    maxReferrals: 1,
    facility: 'tertiary',
    models: { triage: 'builtin', specialist: 'builtin', followUp: 'builtin', patient: 'builtin', examiner: 'builtin' },
  });
  const batch = store.db.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const { patient, journey } = syntheticJourney(index);
      store.saveJourney(run.id, 0, journey, patient, scoreJourney(journey, patient));
    }
  });
  for (let from = 0; from < journeys; from += 1000) batch(from, Math.min(journeys, from + 1000));
  store.setStatus(run.id, 'completed');
  return store.getRun(run.id);
}

export interface ReplayBenchResult {
  journeys: number;
  seedSeconds: number;
  firstFrameMs: number;
  rssMb: number;
  /** RSS added by opening the browser on the run (what must not grow with its size). */
  rssGrowthMb: number;
  heapMb: number;
}

/** A stream that looks like an 80×24 terminal to Ink and resolves when the first frame is written. */
function fakeTerminal(): { stream: NodeJS.WriteStream; firstWrite: Promise<void> } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  Object.assign(stream, { columns: 80, rows: 24, isTTY: true });
  stream.resume();
  const firstWrite = new Promise<void>((resolve) => stream.once('data', () => resolve()));
  return { stream, firstWrite };
}

/** Seed a run of `journeys` journeys in a temp records file, open the browser on it and time the first frame. */
export async function benchReplay(journeys = 10_000, log: (line: string) => void = console.log): Promise<ReplayBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hospital-bench-replay-'));
  try {
    const file = join(dir, 'replay.db');
    const seedStart = performance.now();
    const seeding = new RunStore(openDatabase(file));
    const run = seedSyntheticRun(seeding, journeys);
    seeding.db.close();
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const store = new RunStore(openDatabase(file, { readonly: true }));
    const { stream, firstWrite } = fakeTerminal();
    const instance = render(createElement(ReplayApp, { query: new JourneyQuery(store), run: store.resolveRun('latest') }), {
      stdout: stream,
      stdin: new PassThrough() as unknown as NodeJS.ReadStream,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    await firstWrite;
    const firstFrameMs = performance.now() - start;
    instance.unmount();
    store.db.close();
    const memory = process.memoryUsage();
    const result = {
      journeys: run.patients,
      seedSeconds,
      firstFrameMs,
      rssMb: memory.rss / 2 ** 20,
      rssGrowthMb: (memory.rss - rssBefore) / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
    };
    log(
      `replay: ${result.journeys} journeys (seeded in ${seedSeconds.toFixed(1)} s) · first frame ${firstFrameMs.toFixed(0)} ms · RSS ${result.rssMb.toFixed(0)} MB (+${result.rssGrowthMb.toFixed(0)} MB to open it) · heap ${result.heapMb.toFixed(0)} MB`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
