import type { HospitalAgents } from '../agents/roles.js';
import { generateCase, pickScenario } from '../scenarios/generator.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import type { PatientCase } from '../domain/patient-case.js';
import type { Population } from '../scenarios/populations.js';
import { buildHospitalGraph, runJourney, type HospitalGraph } from './hospital-graph.js';
import type { JourneyResult } from '../domain/journey.js';
import type { HospitalDeps, JourneyOptions } from './journey-state.js';

/** A journey ready to be recorded. */
export interface FinishedJourney {
  sample: number;
  result: JourneyResult;
  patient: PatientCase;
}

export interface EngineSetup {
  set: ScenarioSet;
  agents: HospitalAgents;
  options: JourneyOptions;
  seed: number;
  population?: Population;
}

/** The patient in slot `index` of a batch: the same for every run with this seed and scenario set. */
export function patientFor(set: ScenarioSet, seed: number, index: number, population?: Population): PatientCase {
  const scenario = pickScenario(set.scenarios, seed, index, population);
  return generateCase(scenario, seed, index, population, set.incidentals);
}

/** Runs journeys through one compiled graph; shared by the in-process runner and the workers. */
export class JourneyEngine {
  private readonly graph: HospitalGraph;
  private readonly deps: HospitalDeps;

  constructor(private readonly setup: EngineSetup) {
    this.deps = { agents: setup.agents, catalogue: setup.set.catalogue, options: setup.options };
    this.graph = buildHospitalGraph(this.deps);
  }

  async run(index: number, sample: number): Promise<FinishedJourney> {
    const patient = patientFor(this.setup.set, this.setup.seed, index, this.setup.population);
    let result: JourneyResult;
    try {
      result = await runJourney(this.graph, patient, sample, this.deps);
    } catch (error) {
      // The graph guards every stage; this catches only faults of the engine itself.
      const reason = `engine error: ${error instanceof Error ? error.message : String(error)}`;
      result = {
        index,
        caseId: patient.caseId,
        scenarioId: patient.scenarioId,
        status: 'failed',
        reason,
        events: [{ seq: 0, t: 0, stage: 'arrive', actor: 'system', type: 'error', text: reason }],
      };
    }
    return { sample, result, patient };
  }
}
