import type { ScenarioSet } from '../../scenarios/loader.js';
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

/** Every role played by the built-in offline agents, reasoning over the scenario set as their knowledge base. */
export function createBuiltinAgents(set: ScenarioSet, options: BuiltinAgentOptions = {}): HospitalAgents {
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue, options.knowledge);
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
