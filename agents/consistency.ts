import type { Catalogue } from '../scenarios/catalogue.js';
import type { LoadedScenario } from '../scenarios/loader.js';
import type { AllFindingsRanker } from '../scenarios/validation.js';
import { KnowledgeBase, rankWithAllFindings } from './builtin/index.js';

const knowledgeBases = new WeakMap<readonly LoadedScenario[], KnowledgeBase>();

/** The built-in specialist's ranking of a scenario's typical patient, for `scenarios validate`. */
export const builtinRanker: AllFindingsRanker = (scenario: LoadedScenario, all: readonly LoadedScenario[], catalogue: Catalogue) => {
  let kb = knowledgeBases.get(all);
  if (!kb) {
    kb = KnowledgeBase.fromScenarios(all as LoadedScenario[], catalogue);
    knowledgeBases.set(all, kb);
  }
  return rankWithAllFindings(kb, scenario).map((ranked) => ranked.scenarioId);
};
