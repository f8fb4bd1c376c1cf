import type { JourneyResult } from './journey.js';
import type { PatientCase } from './patient-case.js';

/** One metric of one journey. `value` is NaN when the metric could not be scored. */
export interface Score {
  metric: string;
  value: number;
  detail?: Record<string, unknown>;
}

/** A pure function of a journey and its case. */
export type Scorer = (journey: JourneyResult, patient: PatientCase) => Score[];

/** Every metric of a finished journey: what the run loop records with it (evaluation/ supplies it). */
export type JourneyScorer = Scorer;

/**
 * Metrics the run loop and the journeys table read by name (the progress line's accuracy, the
 * journey columns); evaluation/ defines every metric, these included.
 */
export const recordedMetrics = { top1: 'top1', turns: 'turns', tests: 'tests', testCost: 'testCost' } as const;

export const bool = (flag: boolean): number => (flag ? 1 : 0);

export const unscored = (metric: string, reason: string): Score => ({ metric, value: Number.NaN, detail: { reason } });
