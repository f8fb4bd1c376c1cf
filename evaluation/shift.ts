import type { RunStore } from '../environment/records/run-store.js';
import { proportion, wilsonInterval, type Proportion } from './statistics.js';

/** A difference of two independent proportions with Newcombe's hybrid score interval. */
export interface ProportionDifference {
  difference: number;
  ci95: [number, number];
  a: Proportion;
  b: Proportion;
}

/**
 * Newcombe (1998) method 10: combines the two Wilson intervals; it keeps its coverage near 95 %
 * for small groups and proportions near 0 or 1, where the Wald interval fails.
 */
export function differenceOfProportions(successesA: number, nA: number, successesB: number, nB: number): ProportionDifference {
  const a = proportion(successesA, nA);
  const b = proportion(successesB, nB);
  if (nA === 0 || nB === 0) return { difference: Number.NaN, ci95: [Number.NaN, Number.NaN], a, b };
  const [lowA, highA] = wilsonInterval(successesA, nA);
  const [lowB, highB] = wilsonInterval(successesB, nB);
  const d = a.value - b.value;
  const lower = d - Math.sqrt((a.value - lowA) ** 2 + (highB - b.value) ** 2);
  const upper = d + Math.sqrt((highA - a.value) ** 2 + (b.value - lowB) ** 2);
  return { difference: d, ci95: [lower, upper], a, b };
}

export interface ShiftReport {
  from: { runId: string; population: string | null; facility: string };
  to: { runId: string; population: string | null; facility: string };
  /** Accuracy in the first setting minus accuracy in the second: positive is a drop. */
  drop: ProportionDifference;
  byDepartment: Record<string, ProportionDifference>;
}

function accuracyByDepartment(store: RunStore, runId: string): Map<string, { n: number; correct: number }> {
  const rows = store.db
    .prepare(
      'SELECT true_department AS department, COUNT(*) AS n, COALESCE(SUM(correct = 1), 0) AS correct FROM journeys WHERE run_id = ? GROUP BY true_department',
    )
    .all(runId) as { department: string; n: number; correct: number }[];
  return new Map(rows.map((row) => [row.department, { n: row.n, correct: row.correct }]));
}

/** The accuracy drop from one setting to another, overall and per department. */
export function buildShiftReport(store: RunStore, fromRunId: string, toRunId: string): ShiftReport {
  const runA = store.getRun(fromRunId);
  const runB = store.getRun(toRunId);
  const a = accuracyByDepartment(store, fromRunId);
  const b = accuracyByDepartment(store, toRunId);
  const sum = (groups: Map<string, { n: number; correct: number }>) =>
    [...groups.values()].reduce((acc, g) => ({ n: acc.n + g.n, correct: acc.correct + g.correct }), { n: 0, correct: 0 });
  const totalA = sum(a);
  const totalB = sum(b);
  const byDepartment: Record<string, ProportionDifference> = {};
  for (const department of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const ga = a.get(department) ?? { n: 0, correct: 0 };
    const gb = b.get(department) ?? { n: 0, correct: 0 };
    byDepartment[department] = differenceOfProportions(ga.correct, ga.n, gb.correct, gb.n);
  }
  return {
    from: { runId: runA.id, population: runA.config.population ?? null, facility: runA.config.facility },
    to: { runId: runB.id, population: runB.config.population ?? null, facility: runB.config.facility },
    drop: differenceOfProportions(totalA.correct, totalA.n, totalB.correct, totalB.n),
    byDepartment,
  };
}
