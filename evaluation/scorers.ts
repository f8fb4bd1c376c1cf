import type { JourneyResult } from '../domain/journey.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Score, Scorer } from '../domain/score.js';
import { complianceMetrics, scoreCompliance } from './compliance-scorer.js';
import { diagnosisMetrics, scoreDiagnosis } from './diagnosis-scorer.js';
import { efficiencyMetrics, modelUsageMetrics, scoreEfficiency, scoreModelUsage } from './efficiency-scorer.js';
import { explanationMetrics, scoreExplanation } from './explanation-scorer.js';
import type { MetricDefinition, MetricView } from './metric-registry.js';
import { scoreTriage, triageMetrics } from './triage-scorer.js';

export type { Score, Scorer } from '../domain/score.js';
export { journeyEfficiency, scoreEfficiency, scoreModelUsage } from './efficiency-scorer.js';
export { scoreCompliance } from './compliance-scorer.js';
export { scoreDiagnosis } from './diagnosis-scorer.js';
export { scoreExplanation } from './explanation-scorer.js';
export { scoreTriage } from './triage-scorer.js';

/**
 * The scorers every journey gets when it is recorded (the judge runs apart), each with the
 * metrics it defines. A new scorer is a module exporting its `defineMetrics(…)` table and its
 * scoring function, and one line here; reports, `compare` and the leaderboard pick it up.
 */
const scorerModules: readonly { score: Scorer; metrics: Record<string, MetricDefinition> }[] = [
  { score: scoreDiagnosis, metrics: diagnosisMetrics },
  { score: scoreExplanation, metrics: explanationMetrics },
  { score: scoreTriage, metrics: triageMetrics },
  { score: scoreEfficiency, metrics: efficiencyMetrics },
  { score: scoreModelUsage, metrics: modelUsageMetrics },
  { score: scoreCompliance, metrics: complianceMetrics },
];

export const defaultScorers: Scorer[] = scorerModules.map((module) => module.score);

/** Every metric the scorers produce, in report order. */
export const metricRegistry: readonly MetricDefinition[] = scorerModules.flatMap((module) => Object.values(module.metrics));

/** Metric names as constants: `Metric.top1`, never the bare string. */
export const Metric = {
  ...nameTable(diagnosisMetrics),
  ...nameTable(explanationMetrics),
  ...nameTable(triageMetrics),
  ...nameTable(efficiencyMetrics),
  ...nameTable(modelUsageMetrics),
  ...nameTable(complianceMetrics),
};
export type MetricName = (typeof Metric)[keyof typeof Metric];

function nameTable<T extends Record<string, { name: string }>>(metrics: T): { readonly [K in keyof T]: T[K]['name'] } {
  return Object.fromEntries(Object.entries(metrics).map(([key, metric]) => [key, metric.name])) as { [K in keyof T]: T[K]['name'] };
}

/** The metrics shown in one view, in report order. */
export const metricsIn = (view: MetricView): MetricDefinition[] => metricRegistry.filter((metric) => metric.views.includes(view));

/** The definition of a metric by its name, if a scorer defines it. */
export const metricNamed = (name: string): MetricDefinition | undefined => metricRegistry.find((metric) => metric.name === name);

/** Every metric of a journey. A failed journey scores as a wrong diagnosis, not as unscored. */
export function scoreJourney(journey: JourneyResult, patient: PatientCase, scorers: Scorer[] = defaultScorers): Score[] {
  return scorers.flatMap((scorer) => scorer(journey, patient));
}
