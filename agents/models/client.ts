import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { ModelUsage } from '../../domain/journey.js';
import { Rng } from '../../domain/random.js';
import { AgentFailure, type RoleName } from '../roles.js';
import { modelCacheKey, type CacheMode, type CachedResponse, type ModelCache } from './cache.js';
import { ModelCallError } from './call-error.js';
import { EndpointPool, defaultOllamaHost } from './hosts.js';
import { ollamaChat } from './ollama.js';
import { openaiChat } from './openai.js';
import { redact, type ChatMessage, type ModelOptions, type ProviderCall, type ProviderReply, type ProviderRequest } from './provider.js';
import { defaultRetryPolicy, withRetries, type RetryPolicy } from './retry.js';
import { formatModelSpec, type RemoteModelSpec } from './spec.js';

export type { ChatMessage, ModelOptions } from './provider.js';
export type AgentRole = RoleName;

export const defaultModelTimeoutMs = 120_000;
export const defaultConcurrencyPerEndpoint = 4;

export interface ModelClientOptions {
  /** Ollama base URLs (see resolveOllamaHosts); calls go to the least busy. */
  ollamaHosts?: readonly string[];
  /** Calls in flight per endpoint; more wait in that endpoint's queue. */
  concurrencyPerEndpoint?: number;
  /** Per HTTP attempt; generous by default so a cold model load is not a failure. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Ask Ollama for a streamed (NDJSON) reply instead of one JSON body. */
  stream?: boolean;
  cache?: ModelCache;
  /** read-write (default when a cache is given), off, or replay (cache only, no network). */
  cacheMode?: CacheMode;
  /** Seeded generator for retry jitter only (kept apart from the journeys' streams). */
  rng?: Rng;
  fetch?: typeof fetch;
  /** Milliseconds clock for latency accounting. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Where OPENAI_API_KEY is read at call time. */
  env?: NodeJS.ProcessEnv;
}

export interface ChatRequest<T> {
  spec: RemoteModelSpec;
  role: AgentRole;
  messages: ChatMessage[];
  /** Structured output: the zod schema is both the provider's JSON schema and the validator. */
  schema?: z.ZodType<T>;
  /** Name sent with the JSON schema (OpenAI `json_schema.name`); defaults to the schema's title. */
  schemaName?: string;
  options?: ModelOptions;
  /** Which repeat of this patient: part of the cache key, so repeats are never served from cache. */
  sample: number;
}

export interface ChatResult<T> {
  output: T;
  usage: ModelUsage;
}

const providers: Record<RemoteModelSpec['provider'], ProviderCall> = { ollama: ollamaChat, openai: openaiChat };

/**
 * The one model-call layer: endpoint choice and concurrency, timeouts, retries with backoff,
 * one repair attempt for output that does not match its schema, token and latency accounting,
 * and the cache with record/replay. Every failure leaves as an `AgentFailure` with a reason.
 */
export class ModelClient {
  private readonly ollamaPool: EndpointPool;
  private readonly openaiPools = new Map<string, EndpointPool>();
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly stream: boolean;
  private readonly cache?: ModelCache;
  readonly cacheMode: CacheMode;
  private readonly rng: Rng;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Reads OPENAI_API_KEY when a call is made; a closure, so the client never holds the key or the env. */
  private readonly readApiKey: () => string | undefined;

  constructor(options: ModelClientOptions = {}) {
    this.concurrency = options.concurrencyPerEndpoint ?? defaultConcurrencyPerEndpoint;
    this.ollamaPool = new EndpointPool(options.ollamaHosts ?? [defaultOllamaHost], this.concurrency);
    this.timeoutMs = options.timeoutMs ?? defaultModelTimeoutMs;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.stream = options.stream ?? false;
    this.cache = options.cache;
    this.cacheMode = options.cache ? (options.cacheMode ?? 'read-write') : 'off';
    if (options.cacheMode === 'replay' && !options.cache) {
      throw new Error('ModelClient: replay needs a cache to replay from');
    }
    this.rng = options.rng ?? new Rng(0);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    const env = options.env ?? process.env;
    this.readApiKey = () => env.OPENAI_API_KEY;
  }

  /** The Ollama endpoints with their current load (running plus queued calls). */
  ollamaLoad(): { url: string; busy: number }[] {
    return this.ollamaPool.load();
  }

  chat<T>(request: ChatRequest<T> & { schema: z.ZodType<T> }): Promise<ChatResult<T>>;
  chat(request: Omit<ChatRequest<string>, 'schema'>): Promise<ChatResult<string>>;
  async chat<T>(request: ChatRequest<T>): Promise<ChatResult<T | string>> {
    const model = formatModelSpec(request.spec);
    const jsonSchema = request.schema ? toProviderSchema(request.schema) : undefined;
    const options = request.options ?? {};
    const key = modelCacheKey({
      provider: request.spec.provider,
      model: request.spec.model,
      baseUrl: request.spec.provider === 'openai' ? request.spec.baseUrl : null,
      messages: request.messages,
      schema: jsonSchema ?? null,
      options,
      sample: request.sample,
    });
    const validate = (text: string): Validation<T | string> =>
      request.schema ? validateOutput(text, request.schema) : { ok: true, value: text };

    let stale = false;
    if (this.cacheMode !== 'off' && this.cache) {
      const hit = this.cache.get(key);
      stale = hit !== undefined;
      const checked = hit ? validate(hit.text) : undefined;
      if (hit && checked?.ok) {
        return { output: checked.value, usage: { model, inTokens: hit.inTokens, outTokens: hit.outTokens, latencyMs: 0, cached: true } };
      }
      if (this.cacheMode === 'replay') throw new AgentFailure(request.role, 'replay: no recorded response for this call');
    }

    const base: Omit<ProviderRequest, 'messages'> = {
      model: request.spec.model,
      jsonSchema,
      schemaName: request.schemaName ?? schemaTitle(jsonSchema),
      options,
      stream: this.stream,
    };
    const usage: ModelUsage = { model, inTokens: 0, outTokens: 0, latencyMs: 0, cached: false };
    const first = await this.send(request, { ...base, messages: request.messages }, usage);
    let text = first.text;
    let checked = withTruncation(validate(text), first, options);
    if (!checked.ok) {
      // One repair: show the model its own output and what was wrong with it.
      const repairMessages: ChatMessage[] = [
        ...request.messages,
        { role: 'assistant', content: first.text },
        { role: 'user', content: repairInstruction(checked.error) },
      ];
      const second = await this.send(request, { ...base, messages: repairMessages }, usage);
      text = second.text;
      checked = withTruncation(validate(text), second, options);
      if (!checked.ok) {
        throw new AgentFailure(request.role, `model output did not match the schema after one repair attempt: ${checked.error}`, usage);
      }
    }
    if (this.cacheMode === 'read-write' && this.cache) {
      const record: CachedResponse = { text, inTokens: usage.inTokens, outTokens: usage.outTokens };
      // A recorded answer that no longer validates is replaced; otherwise the first answer stays.
      this.cache.put(key, model, record, { overwrite: stale });
    }
    return { output: checked.value, usage };
  }

  /** One provider call with retries; adds its tokens and time to `usage`. */
  private async send(request: ChatRequest<unknown>, providerRequest: ProviderRequest, usage: ModelUsage): Promise<ProviderReply> {
    const spec = request.spec;
    const call = providers[spec.provider];
    const pool = spec.provider === 'ollama' ? this.ollamaPool : this.openaiPool(spec.baseUrl);
    // Read at call time and only passed down: the key is never stored, cached or logged.
    const apiKey = spec.provider === 'openai' ? this.readApiKey() : undefined;
    let attempts = 0;
    const failedEndpoints = new Set<string>();
    try {
      const reply = await withRetries(
        () =>
          pool.run(async (url) => {
            attempts++;
            const started = this.now();
            try {
              return await call(url, providerRequest, { fetch: this.fetch, timeoutMs: this.timeoutMs, apiKey });
            } catch (error) {
              // The retry goes to another endpoint when there is one.
              failedEndpoints.add(url);
              throw error;
            } finally {
              usage.latencyMs += Math.max(0, Math.round(this.now() - started));
            }
          }, failedEndpoints),
        this.retry,
        this.rng,
        this.sleep,
      );
      usage.inTokens += reply.inTokens;
      usage.outTokens += reply.outTokens;
      return reply;
    } catch (error) {
      if (error instanceof ModelCallError) {
        const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
        throw new AgentFailure(request.role, redact(`${error.message}${tries}`, apiKey), usage);
      }
      throw error;
    }
  }

  private openaiPool(baseUrl: string): EndpointPool {
    let pool = this.openaiPools.get(baseUrl);
    if (!pool) {
      pool = new EndpointPool([baseUrl], this.concurrency);
      this.openaiPools.set(baseUrl, pool);
    }
    return pool;
  }
}

type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** The JSON schema a provider receives for a zod schema (no `$schema` line: it is noise in a prompt). */
export function toProviderSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function schemaTitle(jsonSchema: Record<string, unknown> | undefined): string | undefined {
  return typeof jsonSchema?.title === 'string' ? jsonSchema.title : undefined;
}

/** Parse JSON (tolerating one Markdown code fence around it) and check it against the schema. */
export function validateOutput<T>(text: string, schema: z.ZodType<T>): Validation<T> {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  const body = fenced ? fenced[1] : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: 'the reply is not valid JSON' };
  }
  const result = schema.safeParse(parsed);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  return { ok: false, error: issues.join('; ') + more };
}

/** Say so when invalid output was cut off by the token limit: the model must be briefer. */
function withTruncation<T>(checked: Validation<T>, reply: ProviderReply, options: ModelOptions): Validation<T> {
  if (checked.ok || !reply.truncated) return checked;
  const limit = options.maxTokens !== undefined ? ` of ${options.maxTokens} tokens` : '';
  return { ok: false, error: `the reply was cut off at the length limit${limit}, so be briefer; ${checked.error}` };
}

function repairInstruction(error: string): string {
  return (
    `Your previous reply could not be used: ${error}. ` +
    'Reply again with only one JSON object that matches the required schema, and nothing else.'
  );
}
