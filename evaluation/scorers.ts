import type { JourneyResult } from '../domain/journey.js';
import type { PatientCase } from '../domain/patient-case.js';
import { scoreCompliance } from './compliance-scorer.js';
import { scoreDiagnosis } from './diagnosis-scorer.js';
import { scoreEfficiency, scoreModelUsage } from './efficiency-scorer.js';
import { scoreExplanation } from './explanation-scorer.js';
import type { Score, Scorer } from '../domain/score.js';
import { scoreTriage } from './triage-scorer.js';

export type { Score, Scorer } from '../domain/score.js';
export { journeyEfficiency, scoreEfficiency, scoreModelUsage } from './efficiency-scorer.js';
export { scoreCompliance } from './compliance-scorer.js';
export { scoreDiagnosis } from './diagnosis-scorer.js';
export { scoreExplanation } from './explanation-scorer.js';
export { scoreTriage } from './triage-scorer.js';

/** The deterministic scorers every journey gets when it is recorded (the judge runs apart). */
export const defaultScorers: Scorer[] = [scoreDiagnosis, scoreExplanation, scoreTriage, scoreEfficiency, scoreModelUsage, scoreCompliance];

/** Every metric of a journey. A failed journey scores as a wrong diagnosis, not as unscored. */
export function scoreJourney(journey: JourneyResult, patient: PatientCase, scorers: Scorer[] = defaultScorers): Score[] {
  return scorers.flatMap((scorer) => scorer(journey, patient));
}
