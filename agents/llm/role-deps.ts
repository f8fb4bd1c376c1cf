import type { Catalogue } from '../../scenarios/catalogue.js';
import type { AgentContext } from '../roles.js';
import type { ChatMessage, ModelClient, ModelOptions } from '../models/client.js';
import type { RemoteModelSpec } from '../models/spec.js';

/** What every LLM role is built from. */
export interface LlmRoleDeps {
  client: ModelClient;
  spec: RemoteModelSpec;
  catalogue: Catalogue;
  /** Sampling options for this role; the seed defaults to one drawn from the journey's stream. */
  options?: ModelOptions;
  /** Extra system-prompt text: the biases or behaviours this role plays (agents/biases). */
  persona?: string;
  /** Per-call context a bias needs (the availability bias: the doctor's recent diagnoses), added to the prompt. */
  briefing?: Briefing;
}

/** Text for one call's prompt, or undefined for none. */
export type Briefing = (ctx: AgentContext) => Promise<string | undefined>;

/** Low temperature for steady clinical reasoning; room for a full diagnosis report. */
export const defaultRoleOptions: ModelOptions = { temperature: 0.2, maxTokens: 2048 };

/**
 * Options for one call. Without a fixed seed, the seed comes from the call's own random stream
 * (derived from the journey and its step), so a rerun sends the same request and the cache or a
 * seeded server reproduces it, while repeats of a patient draw different seeds.
 */
export function callOptions(deps: LlmRoleDeps, ctx: AgentContext): ModelOptions {
  const options = { ...defaultRoleOptions, ...deps.options };
  return { ...options, seed: options.seed ?? ctx.rng.int(0, 2_147_483_646) };
}

export const system = (content: string): ChatMessage => ({ role: 'system', content });
export const user = (content: string): ChatMessage => ({ role: 'user', content });
