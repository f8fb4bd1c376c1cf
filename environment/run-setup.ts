import { biasSettingsOf } from '../agents/biases/catalogue.js';
import { createHospitalAgents, type ModelRuntime, type RoleModels } from '../agents/index.js';
import type { ScenarioSet } from '../scenarios/loader.js';
import { loadScenarioSources } from '../scenarios/sources.js';
import { resolvePopulation } from '../scenarios/populations.js';
import type { EngineSetup } from './engine.js';
import { HospitalError } from '../domain/errors.js';
import type { JourneyOptions } from './journey-state.js';
import type { RunConfig } from './records/run-store.js';
import { consultSettingsOf } from './stages/consult.js';
import { WardMemory } from './ward-memory.js';

/** Everything a run needs to draw patients and run journeys, rebuilt from its stored config. */
export function engineSetupFor(config: RunConfig, runtime?: ModelRuntime, loaded?: ScenarioSet): EngineSetup {
  const set = loaded ?? loadScenarioSources(config.scenarios);
  if (config.scenarioHash && set.hash !== config.scenarioHash) {
    throw new HospitalError(
      `the scenarios of this run have changed since it started (hash ${config.scenarioHash.slice(0, 12)} → ${set.hash.slice(0, 12)}); ` +
        'resuming would mix two patient populations — start a new run instead',
      2,
    );
  }
  const population = config.population ? resolvePopulation(config.population, set.scenarios) : undefined;
  // Biases and consults (agents/biases, stages/consult.ts): absent from the config, none of either.
  const biases = biasSettingsOf(config);
  const consult = consultSettingsOf(config);
  const options: JourneyOptions = {
    facility: config.facility,
    maxTurns: config.maxTurns,
    maxReferrals: config.maxReferrals,
    ...(consult.mode !== 'never' ? { consult } : {}),
  };
  const recentDiagnoses = biases.doctorBiases.includes('availability') ? new WardMemory(set, config.seed, population, options) : undefined;
  return {
    set,
    population,
    seed: config.seed,
    agents: createHospitalAgents(config.models as RoleModels, set, runtime, { biases, recentDiagnoses, consult: consult.mode !== 'never' }),
    options,
  };
}
