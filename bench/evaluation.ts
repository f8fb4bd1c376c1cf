import { join } from 'node:path';
import { openDatabase } from '../environment/records/database.js';
import { RunStore, type RunConfig } from '../environment/records/run-store.js';
import { numberEvents, type JourneyResult, type NewJourneyEvent } from '../domain/journey.js';
import { compareRuns } from '../evaluation/compare.js';
import { htmlJourneyLimit, renderHtmlReport } from '../evaluation/report-html.js';
import { journeyTable } from '../evaluation/report-queries.js';
import { buildRunReport } from '../evaluation/run-report.js';
import { scoreJourney } from '../evaluation/scorers.js';
import { Rng } from '../domain/random.js';
import { generateCase, pickScenario } from '../scenarios/generator.js';
import { loadScenarioSources } from '../scenarios/sources.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { BenchSection } from './bench-section.js';

/**
 * The evaluation harness at scale: a run of N journeys (synthetic doctors over real patients,
 * recorded in SQLite), then the report, the HTML page and a paired comparison, timed, with the
 * heap growth they cause, so "never load a whole run" is a number, not a hope.
 */
function syntheticJourney(patient: PatientCase, rng: Rng): JourneyResult {
  const right = rng.chance(0.7);
  const present = patient.facts.filter((fact) => fact.present);
  const revealed = present.slice(0, 4).map((fact) => fact.id);
  const report = {
    diagnosis: right ? patient.truth.diagnosis : 'Viral illness',
    confidence: 0.7,
    differential: [
      { name: right ? patient.truth.diagnosis : 'Viral illness', p: 0.7 },
      { name: patient.truth.diagnosis, p: 0.2 },
    ],
    evidence: revealed.map((factId) => ({ factId, text: factId, supports: true })),
    reasoning: 'Synthetic.',
    plan: 'Synthetic plan.',
    disclaimer: 'Simulated assessment, not medical advice.',
  };
  const events: NewJourneyEvent[] = [
    {
      t: 0,
      stage: 'arrive',
      actor: 'patient',
      type: 'arrive',
      text: 'arrives',
      data: { age: patient.demographics.age, sex: patient.demographics.sex, facility: 'tertiary' },
      factIds: revealed.slice(0, 1),
    },
    {
      t: 5,
      stage: 'triage',
      actor: 'nurse',
      type: 'triage',
      text: 'triage',
      data: { department: patient.truth.department, acuity: patient.truth.acuity, rationale: 'triage' },
    },
    { t: 10, stage: 'consultation', actor: 'patient', type: 'answer', text: 'answer', factIds: revealed.slice(1) },
    { t: 60, stage: 'examination', actor: 'examiner', type: 'result', text: 'result', data: { available: true, cost: rng.int(5, 200) } },
    { t: 60, stage: 'diagnosis', actor: 'doctor', type: 'diagnose', text: 'diagnosis', data: { report }, factIds: revealed },
    { t: 60, stage: 'treatment', actor: 'doctor', type: 'plan', text: 'plan', data: { plan: report.plan, signedOff: false } },
    { t: 90, stage: 'treatment', actor: 'physician', type: 'plan', text: 'signed', data: { plan: report.plan, signedOff: true } },
  ];
  return {
    index: patient.index,
    caseId: patient.caseId,
    scenarioId: patient.scenarioId,
    status: 'completed',
    department: patient.truth.department,
    acuity: patient.truth.acuity,
    report,
    events: numberEvents(events),
    timeToDiagnosis: 60,
  };
}

export async function benchEvaluation(
  dir: string,
  journeys = Number(process.env.BENCH_EVAL_JOURNEYS ?? 10_000),
): Promise<Record<string, number>> {
  const set = loadScenarioSources([]);
  const store = new RunStore(openDatabase(join(dir, 'evaluation.db')));
  const config = (name: string): RunConfig => ({
    name,
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: 1,
    patients: journeys,
    repeats: 1,
    concurrency: 1,
    maxTurns: 20,
    maxReferrals: 1,
    facility: 'tertiary',
    models: {},
  });
  const runs = ['a', 'b'].map((name) => store.createRun(config(name)));
  const recordStart = performance.now();
  for (const [r, run] of runs.entries()) {
    for (let index = 0; index < journeys; index++) {
      const patient = generateCase(pickScenario(set.scenarios, 1, index), 1, index);
      const journey = syntheticJourney(patient, Rng.derive('bench-eval', r, index));
      store.saveJourney(run.id, 0, journey, patient, scoreJourney(journey, patient));
    }
  }
  const recordSeconds = (performance.now() - recordStart) / 1000;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sample = (): void => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  const time = <T>(work: () => T): [T, number] => {
    const started = performance.now();
    const result = work();
    sample();
    return [result, (performance.now() - started) / 1000];
  };
  const [report, reportSeconds] = time(() => buildRunReport(store, runs[0]));
  const [html, htmlSeconds] = time(() => renderHtmlReport(report, journeyTable(store.db, runs[0].id, htmlJourneyLimit)));
  const [, compareSeconds] = time(() => compareRuns(store, runs[0], runs[1]));
  store.db.close();
  return {
    journeys,
    'record, journeys/s': (2 * journeys) / recordSeconds,
    'report, s': reportSeconds,
    'html report, s': htmlSeconds,
    'html size, KB': html.length / 1024,
    'compare, s': compareSeconds,
    'heap growth, MB': (heapPeak - heapBefore) / 1e6,
  };
}

export const evaluationSection: BenchSection = {
  title: 'Evaluation harness on a large run (report, HTML, paired comparison)',
  run: (dir) => benchEvaluation(dir),
};
