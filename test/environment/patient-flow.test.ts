import { describe, expect, it } from 'vitest';
import { arrivalTimes, parseDoctors, simulatePatientFlow, type FlowJourney } from '../../environment/patient-flow.js';

const journeys: FlowJourney[] = Array.from({ length: 400 }, (_, i) => ({
  index: i,
  sample: 0,
  department: i % 3 === 0 ? 'cardiology' : 'respiratory',
  acuity: (i % 5) + 1,
  triageMinutes: 10,
  doctorMinutes: 40 + (i % 7) * 5,
  elapsedMinutes: 90 + (i % 7) * 5,
}));

const meanWait = (perHour: number, doctors: Record<string, number>, seed = 1): number => {
  const result = simulatePatientFlow(journeys, { arrivalsPerHour: perHour, doctors, defaultDoctors: 1, nurses: 1 }, seed);
  return result.journeys.reduce((sum, j) => sum + j.waitDoctor + j.waitTriage, 0) / result.journeys.length;
};

describe('patient flow', () => {
  it('keeps waits near zero below capacity and lets them grow above it', () => {
    const slow = meanWait(0.5, {});
    const fast = meanWait(4, {});
    expect(slow).toBeLessThan(30);
    expect(fast).toBeGreaterThan(slow * 10);
  });

  it('shrinks waits when departments have more doctors', () => {
    const one = meanWait(4, {});
    const three = meanWait(4, { cardiology: 3, respiratory: 3 });
    expect(three).toBeLessThan(one / 5);
  });

  it('serves the most urgent first when a queue forms', () => {
    const result = simulatePatientFlow(journeys, { arrivalsPerHour: 6, doctors: {}, defaultDoctors: 1, nurses: 2 }, 3);
    const byAcuity = (acuity: number) => {
      const waits = result.journeys.filter((_, i) => journeys[i].acuity === acuity).map((j) => j.waitDoctor);
      return waits.reduce((a, b) => a + b, 0) / waits.length;
    };
    expect(byAcuity(1)).toBeLessThan(byAcuity(5));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const settings = { arrivalsPerHour: 3, doctors: {}, defaultDoctors: 1, nurses: 1 };
    expect(simulatePatientFlow(journeys, settings, 9)).toEqual(simulatePatientFlow(journeys, settings, 9));
    expect(arrivalTimes(10, 3, 9)).not.toEqual(arrivalTimes(10, 3, 10));
  });

  it('reports utilisation between 0 and 1 and near 1 when overloaded', () => {
    const result = simulatePatientFlow(journeys, { arrivalsPerHour: 10, doctors: {}, defaultDoctors: 1, nurses: 4 }, 1);
    for (const value of Object.values(result.utilisation)) {
      expect(value).toBeGreaterThan(0.9);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('parses staffing and rejects bad entries', () => {
    expect(parseDoctors('cardiology=2, respiratory=1')).toEqual({ cardiology: 2, respiratory: 1 });
    expect(() => parseDoctors('cardiology=0')).toThrow(/--doctors: cardiology=0: department=count/);
  });
});
