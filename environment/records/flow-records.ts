import { simulatePatientFlow, type FlowJourney, type FlowResult, type FlowSettings } from '../patient-flow.js';
import type { RunRecord, RunStore } from './run-store.js';

/**
 * Replay a recorded run through the patient-flow simulation and store what it found: per journey
 * `waitTriage`, `waitDoctor` and `lengthOfStay` scores (minutes), per run the utilisation of each
 * department's doctors and of the triage nurses. Durations come from the journeys' own events:
 * nurse time up to registration; doctor time from the questions and orders of the consultation
 * (the doctor sees others while results are pending); length of stay up to the diagnosis.
 */
/** Doctor time per consultation: a base for reading the chart and explaining, plus each question and order. */
const doctorBaseMinutes = 10;
const minutesPerQuestion = 2;
const minutesPerOrder = 3;

export function applyPatientFlow(store: RunStore, run: RunRecord, settings: FlowSettings): FlowResult {
  const rows = store.db
    .prepare(
      `SELECT j.idx, j.sample, COALESCE(j.department, j.true_department) AS department, COALESCE(j.acuity, 3) AS acuity,
              MIN(CASE WHEN e.type = 'register' THEN e.t END) AS registered,
              MIN(CASE WHEN e.type = 'diagnose' THEN e.t END) AS diagnosed,
              SUM(e.actor = 'doctor' AND e.type = 'ask') AS questions,
              SUM(e.actor = 'doctor' AND e.type = 'order') AS orders,
              MAX(CASE WHEN e.stage IN ('arrive', 'triage', 'register', 'consultation', 'examination', 'diagnosis', 'treatment') THEN e.t END) AS lastInHospital
       FROM journeys j JOIN events e ON e.run_id = j.run_id AND e.idx = j.idx AND e.sample = j.sample
       WHERE j.run_id = ? GROUP BY j.idx, j.sample ORDER BY j.idx, j.sample`,
    )
    .all(run.id) as {
    idx: number;
    sample: number;
    department: string;
    acuity: number;
    registered: number | null;
    diagnosed: number | null;
    questions: number;
    orders: number;
    lastInHospital: number | null;
  }[];
  const journeys: FlowJourney[] = rows.map((row) => {
    const registered = row.registered ?? 10;
    return {
      index: row.idx,
      sample: row.sample,
      department: row.department,
      acuity: row.acuity,
      triageMinutes: registered,
      doctorMinutes: doctorBaseMinutes + minutesPerQuestion * row.questions + minutesPerOrder * row.orders,
      elapsedMinutes: Math.max(1, (row.diagnosed ?? row.lastInHospital ?? registered) - registered),
    };
  });
  const result = simulatePatientFlow(journeys, settings, run.seed);
  store.db.transaction(() => {
    for (const outcome of result.journeys) {
      store.addScores(run.id, outcome.index, outcome.sample, [
        { metric: 'waitTriage', value: outcome.waitTriage },
        { metric: 'waitDoctor', value: outcome.waitDoctor },
        { metric: 'lengthOfStay', value: outcome.lengthOfStay, detail: { arrival: outcome.arrival } },
      ]);
    }
    for (const [department, value] of Object.entries(result.utilisation))
      store.setRunMetric(run.id, `utilisation.${department}`, value, { doctors: settings.doctors[department] ?? settings.defaultDoctors });
    store.setRunMetric(run.id, 'utilisation.triage-nurses', result.nurseUtilisation, { nurses: settings.nurses });
  })();
  return result;
}
