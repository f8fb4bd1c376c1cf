import type Database from 'better-sqlite3';
import { InputError } from '../../domain/errors.js';
import { Rng } from '../../domain/random.js';
import type { Catalogue } from '../../scenarios/catalogue.js';
import type { ScenarioSet } from '../../scenarios/loader.js';
import type { ModelRuntime, RoleExtras, RoleModels } from '../index.js';
import type { HospitalAgents } from '../roles.js';
import { SqliteModelCache, type CacheMode, type ModelCache } from '../models/cache.js';
import { ModelClient, type ModelOptions } from '../models/client.js';
import { resolveOllamaHosts } from '../models/hosts.js';
import { roleFlags, type ModelRoleName } from '../models/run-options.js';
import { isRemoteSpec, parseModelSpec, type ModelSpec } from '../models/spec.js';
import { LlmConsultantAgent } from './consultant.js';
import { LlmExaminerAgent } from './examiner.js';
import { LlmFollowUpAgent } from './follow-up.js';
import { LlmPatientAgent } from './patient.js';
import type { Briefing, LlmRoleDeps } from './role-deps.js';
import { LlmSpecialistAgent } from './specialist.js';
import { LlmTriageAgent } from './triage.js';

export { LlmConsultantAgent, LlmExaminerAgent, LlmFollowUpAgent, LlmPatientAgent, LlmSpecialistAgent, LlmTriageAgent };

export interface LlmAgentsConfig {
  /** Spec per role (a ModelSpec or its string form); builtin or absent roles are left out. */
  specs: Partial<Record<ModelRoleName, ModelSpec | string>>;
  client: ModelClient;
  catalogue: Catalogue;
  /** Sampling options per role (temperature, seed, maxTokens). */
  options?: Partial<Record<ModelRoleName, ModelOptions>>;
  /** Bias or behaviour instructions per role, appended to its system prompt (agents/biases). */
  personas?: Partial<Record<ModelRoleName, string>>;
  /** Per-call prompt context per role (the availability bias's recent diagnoses). */
  briefings?: Partial<Record<ModelRoleName, Briefing>>;
  /** Also build a consultant from the specialist's model (multidisciplinary consults). */
  consult?: boolean;
}

/** LLM agents for every role whose spec is not builtin (and a consultant on the specialist's model, when asked). */
export function createLlmAgents(config: LlmAgentsConfig): Partial<HospitalAgents> {
  const agents: Partial<HospitalAgents> = {};
  for (const role of Object.keys(roleFlags) as ModelRoleName[]) {
    const given = config.specs[role];
    if (given === undefined) continue;
    const spec = typeof given === 'string' ? parseModelSpec(given, roleFlags[role]) : given;
    if (!isRemoteSpec(spec)) continue;
    const persona = config.personas?.[role];
    const briefing = config.briefings?.[role];
    const deps: LlmRoleDeps = {
      client: config.client,
      spec,
      catalogue: config.catalogue,
      options: config.options?.[role],
      ...(persona ? { persona } : {}),
      ...(briefing ? { briefing } : {}),
    };
    switch (role) {
      case 'triage':
        agents.triage = new LlmTriageAgent(deps);
        break;
      case 'specialist':
        agents.specialist = new LlmSpecialistAgent(deps);
        // Consultants are other doctors: the same model, without the treating doctor's biases.
        if (config.consult) agents.consultant = new LlmConsultantAgent({ ...deps, persona: undefined, briefing: undefined });
        break;
      case 'followUp':
        agents.followUp = new LlmFollowUpAgent(deps);
        break;
      case 'patient':
        agents.patient = new LlmPatientAgent(deps);
        break;
      case 'examiner':
        agents.examiner = new LlmExaminerAgent(deps);
        break;
    }
  }
  return agents;
}

/** What `hospital run` passes from its flags to build the model layer. */
export interface ModelRuntimeOptions {
  /** `--ollama-host` as given (comma-separated); falls back to OLLAMA_HOST, then 127.0.0.1:11434. */
  ollamaHost?: string;
  /** `--model-timeout` in milliseconds (see parseModelTimeout); default 120 s. */
  timeoutMs?: number;
  /** The records database holding the model_cache table; without it the cache is off. */
  db?: Database.Database;
  /** Or any cache (tests, interactive sessions). */
  cache?: ModelCache;
  /** From `--no-cache` / `--replay` (see cacheModeFromFlags); default read-write. */
  cacheMode?: CacheMode;
  concurrencyPerEndpoint?: number;
  stream?: boolean;
  /** Seed of the retry-jitter stream (the run's seed). */
  seed?: number;
  options?: Partial<Record<ModelRoleName, ModelOptions>>;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The engine's hook for model-backed roles: one ModelClient for the whole run (so concurrency
 * limits and the cache are shared by every journey), and LLM agents for the roles that ask.
 */
export function createModelRuntime(options: ModelRuntimeOptions = {}): ModelRuntime & { client: ModelClient } {
  const env = options.env ?? process.env;
  const cache = options.cache ?? (options.db ? new SqliteModelCache(options.db) : undefined);
  const client = new ModelClient({
    ollamaHosts: resolveOllamaHosts(options.ollamaHost, env),
    timeoutMs: options.timeoutMs,
    cache,
    cacheMode: cache ? options.cacheMode : undefined,
    concurrencyPerEndpoint: options.concurrencyPerEndpoint,
    stream: options.stream,
    rng: Rng.derive('model-retry-jitter', options.seed ?? 0),
    env,
    fetch: options.fetch,
    sleep: options.sleep,
  });
  if (options.cacheMode === 'replay' && !cache) {
    throw new InputError('--replay', 'records', 'a records database to replay model answers from');
  }
  return {
    client,
    createRoles(models: RoleModels, set: ScenarioSet, extras: RoleExtras = {}): Partial<HospitalAgents> {
      return createLlmAgents({ specs: models, client, catalogue: set.catalogue, options: options.options, ...extras });
    },
  };
}
