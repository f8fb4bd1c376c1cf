import { loadScenarioFiles, type LoadedScenario, type ScenarioSet } from '../../scenarios/loader.js';
import type { HospitalAgents } from '../roles.js';
import { BuiltinExaminer } from './examiner.js';
import { BuiltinFollowUp } from './follow-up.js';
import { KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
import { BuiltinPatient } from './patient.js';
import { BuiltinSpecialist, type SpecialistOptions } from './specialist.js';
import { BuiltinTriage } from './triage.js';

export interface BuiltinAgentOptions {
  knowledge?: KnowledgeBaseOptions;
  specialist?: Partial<SpecialistOptions>;
}

/**
 * What the built-in doctors know: the scenario set — except imported fixed cases (AgentClinic),
 * which are the exam, not the textbook. For those the doctors know the built-in library, as a
 * clinician knows medicine, and must find each case's diagnosis from what the patient shows.
 */
export function knowledgeScenarios(set: ScenarioSet): LoadedScenario[] {
  const own = set.scenarios.filter((scenario) => scenario.source === undefined);
  if (own.length === set.scenarios.length) return set.scenarios;
  const ids = new Set(own.map((scenario) => scenario.id));
  return [...own, ...loadScenarioFiles([], set.catalogue).scenarios.filter((scenario) => !ids.has(scenario.id))];
}

/** Every role played by the built-in offline agents, reasoning over the scenario set as their knowledge base. */
export function createBuiltinAgents(set: ScenarioSet, options: BuiltinAgentOptions = {}): HospitalAgents {
  const kb = KnowledgeBase.fromScenarios(knowledgeScenarios(set), set.catalogue, options.knowledge);
  return {
    triage: new BuiltinTriage(kb),
    specialist: new BuiltinSpecialist(kb, options.specialist),
    followUp: new BuiltinFollowUp(),
    patient: new BuiltinPatient(),
    examiner: new BuiltinExaminer(set.catalogue),
  };
}

export { BuiltinExaminer, performTests } from './examiner.js';
export { BuiltinFollowUp, followUpOutcome } from './follow-up.js';
export { KnowledgeBase, type DiseaseEntry, type FindingEntry, type KnowledgeBaseOptions } from './knowledge-base.js';
export { LikelihoodTable } from './likelihood-table.js';
export { BuiltinPatient, answerQuestion } from './patient.js';
export { rankWithAllFindings } from './consistency.js';
export { posterior, rankDiseases, type Observation, type RankedDisease } from './posterior.js';
export { BuiltinSpecialist, defaultSpecialistOptions, nextAction, type SpecialistOptions } from './specialist.js';
export { BuiltinTriage, triageChart } from './triage.js';
