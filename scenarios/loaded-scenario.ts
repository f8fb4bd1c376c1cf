import type { FactSource } from '../domain/patient-case.js';
import type { FindingKind, Scenario } from './schema.js';

/**
 * A finding of a scenario in the one shape the generator and the built-in doctors use: patient,
 * examination and triage findings keep their id; test findings are `<testId>:<pattern>`.
 */
export interface ScenarioFact {
  id: string;
  kind: FindingKind | 'test';
  source: FactSource;
  testId?: string;
  text: string;
  says?: string;
  label: string;
  p: number;
  ask: string[];
  key: boolean;
  hpo?: string;
}

export interface LoadedScenario extends Scenario {
  /** File it came from ('' for imported cases). */
  file: string;
  facts: ScenarioFact[];
}
