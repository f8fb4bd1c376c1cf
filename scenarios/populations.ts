import { existsSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { builtinPopulationsFile } from '../domain/paths.js';
import type { LoadedScenario, ScenarioFact } from './loader.js';
import { readYamlFile } from './yaml-file.js';

/**
 * Populations shift who arrives and what their histories hold, for data-shift experiments:
 * prevalence multipliers by scenario, an age shift, and exposures present whatever the disease
 * (a coal miner's dust exposure is there whether he has pneumoconiosis or a heart attack).
 */
export const populationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'a lower-case slug'),
    description: z.string().min(1),
    ageShift: z.number().int().default(0),
    prevalence: z.record(z.string(), z.number().nonnegative()).default({}),
    background: z.record(z.string(), z.number().min(0).max(1)).default({}),
  })
  .strict();

export const populationsFileSchema = z.object({ populations: z.array(populationSchema).min(1) }).strict();

export interface Population {
  id: string;
  description: string;
  ageShift: number;
  prevalence: Record<string, number>;
  /** Probability by finding id that the finding is present regardless of the disease. */
  background: Record<string, number>;
  /** The library's wording for each background finding, so questions about it match. */
  backgroundFacts: Record<string, ScenarioFact>;
}

export function loadPopulations(file = builtinPopulationsFile()): z.output<typeof populationSchema>[] {
  if (!existsSync(file)) return [];
  return readYamlFile(file, populationsFileSchema).populations;
}

/** Find a population by id and tie its background findings to the library's wording. */
export function resolvePopulation(id: string, scenarios: readonly LoadedScenario[], file = builtinPopulationsFile()): Population {
  const all = loadPopulations(file);
  const found = all.find((population) => population.id === id);
  if (!found) {
    throw new InputError('--population', 'population', `one of ${all.map((p) => p.id).join(', ') || '(none defined)'} (got "${id}")`);
  }
  const backgroundFacts: Record<string, ScenarioFact> = {};
  for (const factId of Object.keys(found.background)) {
    for (const scenario of scenarios) {
      const fact = scenario.facts.find((candidate) => candidate.id === factId);
      if (fact) {
        backgroundFacts[factId] = fact;
        break;
      }
    }
  }
  return { ...found, backgroundFacts };
}
