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

export const bool = (flag: boolean): number => (flag ? 1 : 0);

export const unscored = (metric: string, reason: string): Score => ({ metric, value: Number.NaN, detail: { reason } });
