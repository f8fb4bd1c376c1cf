import type { ScenarioSet } from '../scenarios/loader.js';
import type { FacilityLevel } from '../scenarios/schema.js';
import type { RunConfig } from './records/run-store.js';

/** What a command decides about a new run; the scenario set supplies the rest. */
export interface RunSettings {
  name?: string;
  seed: number;
  patients: number;
  repeats?: number;
  concurrency?: number;
  maxTurns: number;
  facility: FacilityLevel;
  population?: string;
  models: Record<string, string>;
  /** Anything else a command records with its runs (flow, biases, bench marker, …). */
  extra?: Record<string, unknown>;
}

/** The config of a new run over a loaded scenario set: the one place its fields are filled in. */
export function runConfigFor(set: ScenarioSet, settings: RunSettings): RunConfig {
  return {
    ...(settings.name !== undefined ? { name: settings.name } : {}),
    scenarios: set.sources,
    scenarioHash: set.hash,
    scenarioCount: set.scenarios.length,
    seed: settings.seed,
    patients: settings.patients,
    repeats: settings.repeats ?? 1,
    concurrency: settings.concurrency ?? 8,
    maxTurns: settings.maxTurns,
    maxReferrals: 1,
    facility: settings.facility,
    ...(settings.population !== undefined ? { population: settings.population } : {}),
    models: settings.models,
    ...settings.extra,
  };
}
