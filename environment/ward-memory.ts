import type { RecentDiagnoses } from '../agents/biases/biased-specialist.js';
import { createBuiltinAgents } from '../agents/builtin/index.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import type { Population } from '../scenarios/populations.js';
import { patientFor } from './engine.js';
import { buildHospitalGraph, runJourney, type HospitalGraph } from './hospital-graph.js';
import type { HospitalDeps, JourneyOptions } from './journey-state.js';

/** How many earlier patients a doctor with the availability bias remembers. */
export const availabilityWindow = 5;

/**
 * What was diagnosed on the ward just before a patient: the diagnoses the (unbiased) built-in
 * specialist gave the previous patients of the run, by patient slot. It depends only on the
 * run's seed and scenarios, never on which journeys happen to finish first, so the availability
 * bias is deterministic under any concurrency; each earlier journey is run once and remembered.
 * The current patient's own case never enters it.
 */
export class WardMemory implements RecentDiagnoses {
  private readonly deps: HospitalDeps;
  private graph?: HospitalGraph;
  private readonly diagnoses = new Map<number, Promise<string | undefined>>();

  constructor(
    private readonly set: ScenarioSet,
    private readonly seed: number,
    private readonly population: Population | undefined,
    options: JourneyOptions,
    private readonly window = availabilityWindow,
  ) {
    this.deps = {
      agents: createBuiltinAgents(set),
      catalogue: set.catalogue,
      options: { facility: options.facility, maxTurns: options.maxTurns, maxReferrals: options.maxReferrals },
    };
  }

  async recent(patientIndex: number): Promise<string[]> {
    const earlier = Array.from(
      { length: Math.min(this.window, patientIndex) },
      (_, i) => patientIndex - Math.min(this.window, patientIndex) + i,
    );
    const names = await Promise.all(earlier.map((index) => this.diagnosisOf(index)));
    return names.filter((name): name is string => name !== undefined);
  }

  private diagnosisOf(index: number): Promise<string | undefined> {
    let known = this.diagnoses.get(index);
    if (!known) {
      this.graph ??= buildHospitalGraph(this.deps);
      known = runJourney(this.graph, patientFor(this.set, this.seed, index, this.population), 0, this.deps).then(
        (journey) => journey.report?.diagnosis,
      );
      this.diagnoses.set(index, known);
    }
    return known;
  }
}
