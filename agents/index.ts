import type { ScenarioSet } from '../scenarios/loader.js';
import { createBuiltinAgents } from './builtin/index.js';
import type { HospitalAgents } from './roles.js';

/** The roles a run assigns a model to, and their CLI flags. */
export const modelRoles = ['triage', 'specialist', 'followUp', 'patient', 'examiner'] as const;
export type ModelRole = (typeof modelRoles)[number];
export type RoleModels = Record<ModelRole, string>;

export const allBuiltin: RoleModels = { triage: 'builtin', specialist: 'builtin', followUp: 'builtin', patient: 'builtin', examiner: 'builtin' };

export const usesModels = (models: RoleModels): boolean => modelRoles.some((role) => models[role] !== 'builtin');

/** Extra wiring for model-backed roles (client, cache); absent for all-builtin runs. */
export interface ModelRuntime {
  createRoles(models: RoleModels, set: ScenarioSet): Partial<HospitalAgents>;
}

/** Built-in agents for every role, replaced by model-backed ones where a spec says so. */
export function createHospitalAgents(models: RoleModels, set: ScenarioSet, runtime?: ModelRuntime): HospitalAgents {
  const builtin = createBuiltinAgents(set);
  if (!usesModels(models) || !runtime) return builtin;
  return { ...builtin, ...runtime.createRoles(models, set) };
}
