import { InputError } from '../domain/errors.js';
import { Rng } from '../domain/random.js';

/**
 * Patient flow: patients arrive over simulated time, queue for a triage nurse, then for a doctor
 * of their department (most urgent acuity first, then first come), and wait. The journeys
 * themselves are simulated one by one; this replays their recorded durations against arrival
 * times and a staffing level, which is what decides waiting, length of stay and utilisation.
 */
export interface FlowSettings {
  /** Mean arrivals per simulated hour (a Poisson process). */
  arrivalsPerHour: number;
  /** Doctors per department; departments not named get `defaultDoctors`. */
  doctors: Record<string, number>;
  defaultDoctors: number;
  nurses: number;
}

/** What the flow needs of one recorded journey. */
export interface FlowJourney {
  index: number;
  sample: number;
  department: string;
  /** Triage acuity, 1 (most urgent) … 5; unknown counts as 3. */
  acuity: number;
  /** Minutes of nurse time at triage. */
  triageMinutes: number;
  /** Minutes of doctor time: the consultation itself, not the waits for test results. */
  doctorMinutes: number;
  /** Minutes from registration to the diagnosis, waits for results included (≥ doctorMinutes). */
  elapsedMinutes: number;
}

export interface FlowOutcome {
  index: number;
  sample: number;
  arrival: number;
  waitTriage: number;
  waitDoctor: number;
  lengthOfStay: number;
}

export interface FlowResult {
  journeys: FlowOutcome[];
  /** Busy share of each department's doctors over the time they were open. */
  utilisation: Record<string, number>;
  nurseUtilisation: number;
}

/** Parse `cardiology=2,respiratory=1` as given to --doctors. */
export function parseDoctors(raw: string): Record<string, number> {
  const doctors: Record<string, number> = {};
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+)=(\d+)$/.exec(part);
    if (!match || Number(match[2]) < 1)
      throw new InputError('--doctors', part, 'department=count with count ≥ 1, e.g. cardiology=2,respiratory=1');
    doctors[match[1]] = Number(match[2]);
  }
  return doctors;
}

/** Arrival minute of each patient, in slot order, from a seeded Poisson process. */
export function arrivalTimes(count: number, perHour: number, seed: number): number[] {
  const rng = Rng.derive('arrivals', seed);
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += (-Math.log(1 - rng.next()) / perHour) * 60;
    times.push(t);
  }
  return times;
}

/** Serve `ready` patients on `servers` in priority order; returns start times and busy minutes. */
function serve(
  patients: { ready: number; duration: number; priority: number; order: number }[],
  servers: number,
): { starts: number[]; busy: number; end: number } {
  const byReady = patients.map((_, i) => i).sort((a, b) => patients[a].ready - patients[b].ready || patients[a].order - patients[b].order);
  const free = new Array<number>(Math.max(1, servers)).fill(0);
  const starts = new Array<number>(patients.length).fill(0);
  const waiting: number[] = [];
  let next = 0;
  let busy = 0;
  let end = 0;
  while (next < byReady.length || waiting.length > 0) {
    let server = 0;
    for (let s = 1; s < free.length; s++) if (free[s] < free[server]) server = s;
    while (next < byReady.length && patients[byReady[next]].ready <= free[server]) waiting.push(byReady[next++]);
    if (waiting.length === 0) waiting.push(byReady[next++]);
    let best = 0;
    for (let w = 1; w < waiting.length; w++) {
      const a = patients[waiting[w]];
      const b = patients[waiting[best]];
      if (a.priority < b.priority || (a.priority === b.priority && (a.ready < b.ready || (a.ready === b.ready && a.order < b.order))))
        best = w;
    }
    const chosen = waiting.splice(best, 1)[0];
    const start = Math.max(free[server], patients[chosen].ready);
    starts[chosen] = start;
    free[server] = start + patients[chosen].duration;
    busy += patients[chosen].duration;
    end = Math.max(end, free[server]);
  }
  return { starts, busy, end };
}

/** Simulate the flow of a run's journeys (in slot order) under a staffing level. */
export function simulatePatientFlow(journeys: readonly FlowJourney[], settings: FlowSettings, seed: number): FlowResult {
  const arrivals = arrivalTimes(journeys.length, settings.arrivalsPerHour, seed);
  const first = arrivals[0] ?? 0;
  const triage = serve(
    journeys.map((journey, i) => ({ ready: arrivals[i], duration: journey.triageMinutes, priority: 0, order: i })),
    settings.nurses,
  );
  const outcomes: FlowOutcome[] = journeys.map((journey, i) => ({
    index: journey.index,
    sample: journey.sample,
    arrival: arrivals[i],
    waitTriage: triage.starts[i] - arrivals[i],
    waitDoctor: 0,
    lengthOfStay: 0,
  }));
  const utilisation: Record<string, number> = {};
  const departments = [...new Set(journeys.map((journey) => journey.department))].sort();
  for (const department of departments) {
    const members = journeys.map((journey, i) => ({ journey, i })).filter(({ journey }) => journey.department === department);
    const doctors = settings.doctors[department] ?? settings.defaultDoctors;
    const served = serve(
      members.map(({ journey, i }) => ({
        ready: triage.starts[i] + journey.triageMinutes,
        duration: journey.doctorMinutes,
        priority: journey.acuity,
        order: i,
      })),
      doctors,
    );
    members.forEach(({ journey, i }, k) => {
      const ready = triage.starts[i] + journey.triageMinutes;
      outcomes[i].waitDoctor = served.starts[k] - ready;
      outcomes[i].lengthOfStay = served.starts[k] + Math.max(journey.doctorMinutes, journey.elapsedMinutes) - arrivals[i];
    });
    const open = Math.max(1e-9, served.end - first);
    utilisation[department] = served.busy / (doctors * open);
  }
  return {
    journeys: outcomes,
    utilisation,
    nurseUtilisation: triage.busy / (Math.max(1, settings.nurses) * Math.max(1e-9, triage.end - first)),
  };
}
