import type { ScenarioSet } from '../scenarios/loader.js';
import { BiasedBuiltinSpecialist, type RecentDiagnoses } from './biases/biased-specialist.js';
import { biasInstructions, type BiasSettings } from './biases/catalogue.js';
import { BehavingPatient } from './biases/patient-behaviours.js';
import { BuiltinChief, BuiltinConsultant } from './builtin/consultant.js';
import { createBuiltinAgents } from './builtin/index.js';
import { KnowledgeBase } from './builtin/knowledge-base.js';
import type { AgentContext, HospitalAgents } from './roles.js';

/** The roles a run assigns a model to, and their CLI flags. */
export const modelRoles = ['triage', 'specialist', 'followUp', 'patient', 'examiner'] as const;
export type ModelRole = (typeof modelRoles)[number];
export type RoleModels = Record<ModelRole, string>;

export const allBuiltin: RoleModels = {
  triage: 'builtin',
  specialist: 'builtin',
  followUp: 'builtin',
  patient: 'builtin',
  examiner: 'builtin',
};

export const usesModels = (models: RoleModels): boolean => modelRoles.some((role) => models[role] !== 'builtin');

/** Extra wiring for model-backed roles (client, cache); absent for all-builtin runs. */
export interface ModelRuntime {
  createRoles(models: RoleModels, set: ScenarioSet, extras?: RoleExtras): Partial<HospitalAgents>;
}

/** What model roles get beyond their prompt: bias instructions, per-call context, and a consultant. */
export interface RoleExtras {
  /** Bias and behaviour instructions per role, appended to its system prompt. */
  personas?: Partial<Record<ModelRole, string>>;
  /** Per-call prompt context per role (the availability bias: the doctor's recent diagnoses). */
  briefings?: Partial<Record<ModelRole, (ctx: AgentContext) => Promise<string | undefined>>>;
  /** Build a consultant on the specialist's model. */
  consult?: boolean;
}

/** How the run's people behave beyond their role: biases, behaviours, and whether consults can be called. */
export interface AgentBehaviour {
  biases?: BiasSettings;
  /** The doctor's memory of earlier patients (the availability bias). */
  recentDiagnoses?: RecentDiagnoses;
  /** Build the consult roles (a consultant per department and the chief). */
  consult?: boolean;
}

/**
 * Built-in agents for every role, replaced by model-backed ones where a spec says so. Biases
 * reach model roles as prompt instructions and built-in roles as wrappers that act them out.
 */
export function createHospitalAgents(
  models: RoleModels,
  set: ScenarioSet,
  runtime?: ModelRuntime,
  behaviour: AgentBehaviour = {},
): HospitalAgents {
  const builtin = createBuiltinAgents(set);
  const doctorBiases = behaviour.biases?.doctorBiases ?? [];
  const patientBehaviours = behaviour.biases?.patientBehaviours ?? [];
  if (doctorBiases.length === 0 && patientBehaviours.length === 0 && !behaviour.consult) {
    if (!usesModels(models) || !runtime) return builtin;
    return { ...builtin, ...runtime.createRoles(models, set) };
  }
  const personas: Partial<Record<ModelRole, string>> = {
    ...(doctorBiases.length > 0 ? { specialist: biasInstructions(doctorBiases) } : {}),
    ...(patientBehaviours.length > 0 ? { patient: biasInstructions(patientBehaviours) } : {}),
  };
  const memory = doctorBiases.includes('availability') ? behaviour.recentDiagnoses : undefined;
  const briefings = memory ? { specialist: (ctx: AgentContext) => recentDiagnosesBriefing(memory, ctx) } : undefined;
  const remote = usesModels(models) && runtime ? runtime.createRoles(models, set, { personas, briefings, consult: behaviour.consult }) : {};
  const agents: HospitalAgents = { ...builtin, ...remote };
  const kb = KnowledgeBase.fromScenarios(set.scenarios, set.catalogue);
  if (doctorBiases.length > 0 && !remote.specialist)
    agents.specialist = new BiasedBuiltinSpecialist(kb, doctorBiases, behaviour.recentDiagnoses);
  if (patientBehaviours.length > 0 && !remote.patient) agents.patient = new BehavingPatient(agents.patient, patientBehaviours);
  if (behaviour.consult) {
    agents.consultant = remote.consultant ?? new BuiltinConsultant(kb);
    agents.chief = new BuiltinChief(kb);
  }
  return agents;
}

/** What a model doctor with the availability bias is told about its recent patients. */
async function recentDiagnosesBriefing(memory: RecentDiagnoses, ctx: AgentContext): Promise<string | undefined> {
  if (ctx.patientIndex === undefined) return undefined;
  const recent = await memory.recent(ctx.patientIndex);
  return recent.length > 0 ? `Your most recent patients on this ward were diagnosed with: ${recent.join('; ')}.` : undefined;
}
