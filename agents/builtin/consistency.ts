import type { LoadedScenario } from '../../scenarios/loader.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { posterior, rankDiseases, type Observation, type RankedDisease } from './posterior.js';

/** A finding this likely in a scenario counts as present in its typical patient. */
export const typicalThreshold = 0.5;

/**
 * The differential of a scenario's typical patient, for the library's consistency check: every
 * finding of the scenario present in at least half its patients revealed present (its `p`, raised
 * for findings a chief complaint names, which are forced present when that complaint is drawn),
 * every other finding of the vocabulary revealed absent — its own rarer findings included —
 * with prior and no demographics. A well-written scenario ranks its own diagnosis first.
 */
export function rankWithAllFindings(kb: KnowledgeBase, scenario: LoadedScenario): RankedDisease[] {
  const present = new Set(typicalFindings(scenario));
  const observations: Observation[] = kb.findings.map((finding) => ({ finding: finding.index, present: present.has(finding.id) }));
  return rankDiseases(kb, posterior(kb, observations));
}

/** Ids of the findings present in at least half of a scenario's patients. */
export function typicalFindings(scenario: LoadedScenario): string[] {
  return scenario.facts
    .filter((fact) => {
      const named = scenario.complaints.filter((complaint) => complaint.findings.includes(fact.id)).length / scenario.complaints.length;
      return named + (1 - named) * fact.p >= typicalThreshold;
    })
    .map((fact) => fact.id);
}
