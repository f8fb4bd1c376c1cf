import type { Command } from 'commander';
import { usesModels, type ModelRuntime, type RoleModels } from '../agents/index.js';
import { createModelRuntime } from '../agents/llm/index.js';
import { resolveOllamaHosts } from '../agents/models/hosts.js';
import { preflightModels } from '../agents/models/preflight.js';
import { cacheModeFromFlags, parseModelTimeout, roleModelsFromFlags, type ModelFlags } from '../agents/models/run-options.js';
import type { CacheMode } from '../agents/models/cache.js';
import type { HospitalDatabase } from '../environment/records/database.js';

/** The model flags `hospital run` (and commands that start runs) accept. */
export interface ModelCliFlags extends ModelFlags {
  ollamaHost?: string;
  modelTimeout?: string;
  /** commander's `--no-cache`. */
  cache?: boolean;
}

export function addModelOptions(command: Command, { roles = true } = {}): Command {
  if (roles) {
    command
      .option('--doctor <spec>', 'model for all three doctor roles: builtin, ollama:<model> or openai:<base-url>#<model>')
      .option('--triage <spec>', 'model for the triage nurse (overrides --doctor)')
      .option('--specialist <spec>', 'model for the specialist (overrides --doctor)')
      .option('--followup <spec>', 'model for the follow-up doctor (overrides --doctor)')
      .option('--patient-model <spec>', 'model that plays the patient (default builtin)')
      .option('--examiner <spec>', 'model that words examination results (default builtin)');
  }
  return command
    .option('--ollama-host <hosts>', 'Ollama host(s), comma-separated, least busy first (default $OLLAMA_HOST, else 127.0.0.1:11434)')
    .option('--model-timeout <seconds>', 'per model call attempt; generous by default (120 s) for a cold model load')
    .option('--no-cache', 'do not read or write the model-call cache');
}

/** Model specs per role from the flags (all builtin when none given). */
export const roleModels = (flags: ModelCliFlags): RoleModels => roleModelsFromFlags(flags);

/**
 * The runtime for model-backed roles, after checking that the servers are there and have the
 * models (exit 3 with how to fix it, rather than a batch of failed journeys). Undefined when
 * every role is built-in.
 */
export async function modelRuntimeFor(
  models: RoleModels,
  flags: ModelCliFlags,
  db: HospitalDatabase,
  seed: number,
  cacheMode: CacheMode = cacheModeFromFlags({ cache: flags.cache }),
): Promise<ModelRuntime | undefined> {
  if (!usesModels(models)) return undefined;
  const timeoutMs = parseModelTimeout(flags.modelTimeout);
  if (cacheMode !== 'replay') await preflightModels(models, { ollamaHosts: resolveOllamaHosts(flags.ollamaHost) });
  return createModelRuntime({ ollamaHost: flags.ollamaHost, timeoutMs, db, cacheMode, seed });
}
