import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Rng } from '../../../domain/random.js';
import { AgentFailure } from '../../../agents/roles.js';
import { SqliteModelCache, canonicalJson, modelCacheKey, type CacheMode } from '../../../agents/models/cache.js';
import { ModelClient } from '../../../agents/models/client.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import { startFakeOllama } from '../../fakes/ollama-server.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../../fakes/openai-server.js';
import { tempCacheDb } from './helpers.js';

const schema = z.object({ department: z.string() }).meta({ title: 'Triage' });
const messages = [{ role: 'user' as const, content: 'Where should this patient go?' }];
const ollamaSpec = parseModelSpec('ollama:qwen2.5:7b-instruct') as RemoteModelSpec;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(mode: CacheMode = 'read-write') {
  const store = tempCacheDb();
  cleanups.push(store.cleanup);
  let n = 0;
  const server = await startFakeOllama({
    chat: () => ({ content: JSON.stringify({ department: `respiratory-${n++}` }), promptTokens: 50, evalTokens: 7 }),
  });
  cleanups.push(() => server.close());
  const cache = new SqliteModelCache(store.db, () => new Date('2026-01-01T00:00:00Z'));
  const make = (cacheMode: CacheMode = mode, fetchImpl?: typeof fetch) =>
    new ModelClient({ ollamaHosts: [server.url], cache, cacheMode, rng: new Rng(1), sleep: async () => {}, fetch: fetchImpl });
  return { store, server, cache, make };
}

const triage = (client: ModelClient, sample = 0, spec: RemoteModelSpec = ollamaSpec) =>
  client.chat({ spec, role: 'triage', messages, schema, sample, options: { temperature: 0 } });

describe('canonical cache keys', () => {
  it('sort keys at every level, so member order does not change the key', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    const parts = {
      provider: 'ollama' as const,
      model: 'm',
      baseUrl: null,
      messages,
      schema: { a: 1, b: 2 },
      options: { seed: 1, temperature: 0 },
      sample: 0,
    };
    const reordered = {
      sample: 0,
      options: { temperature: 0, seed: 1 },
      schema: { b: 2, a: 1 },
      messages,
      baseUrl: null,
      model: 'm',
      provider: 'ollama' as const,
    };
    expect(modelCacheKey(parts)).toBe(modelCacheKey(reordered));
    expect(modelCacheKey(parts)).toMatch(/^[0-9a-f]{64}$/);
    expect(modelCacheKey({ ...parts, sample: 1 })).not.toBe(modelCacheKey(parts));
    expect(modelCacheKey({ ...parts, options: { seed: 2, temperature: 0 } })).not.toBe(modelCacheKey(parts));
  });
});

describe('SqliteModelCache through ModelClient', () => {
  it('serves a repeated call from the cache with its recorded tokens and zero latency', async () => {
    const { server, store, make } = await setup();
    const client = make();
    const first = await triage(client);
    const second = await triage(client);
    expect(server.calls.chat).toBe(1);
    expect(second.output).toEqual(first.output);
    expect(second.usage).toEqual({ model: 'ollama:qwen2.5:7b-instruct', inTokens: 50, outTokens: 7, latencyMs: 0, cached: true });
    const rows = store.db.prepare('SELECT key, model, response, created_at FROM model_cache').all() as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0].model).toBe('ollama:qwen2.5:7b-instruct');
    expect(rows[0].created_at).toBe('2026-01-01T00:00:00.000Z');
    expect(JSON.parse(rows[0].response)).toEqual({ text: '{"department":"respiratory-0"}', inTokens: 50, outTokens: 7 });
  });

  it('never serves one sample of a patient from another sample', async () => {
    const { server, make } = await setup();
    const client = make();
    const zero = await triage(client, 0);
    const one = await triage(client, 1);
    expect(server.calls.chat).toBe(2);
    expect(one.output).not.toEqual(zero.output);
  });

  it('replays with zero network calls, and a miss is an AgentFailure', async () => {
    const { server, make } = await setup();
    await triage(make('read-write'));
    const calls = server.calls.total;
    const noNetwork: typeof fetch = () => Promise.reject(new Error('replay must not touch the network'));
    const replay = make('replay', noNetwork);
    const hit = await triage(replay);
    expect(hit.output).toEqual({ department: 'respiratory-0' });
    expect(hit.usage.cached).toBe(true);
    const miss = await triage(replay, 5).catch((error: unknown) => error);
    expect(miss).toBeInstanceOf(AgentFailure);
    expect((miss as AgentFailure).reason).toBe('replay: no recorded response for this call');
    expect(server.calls.total).toBe(calls);
  });

  it('with the cache off, calls every time and records nothing', async () => {
    const { server, store, make } = await setup('off');
    const client = make();
    await triage(client);
    await triage(client);
    expect(server.calls.chat).toBe(2);
    expect(store.db.prepare('SELECT count(*) AS n FROM model_cache').get()).toEqual({ n: 0 });
  });

  it('never caches errors', async () => {
    const { server, store, make } = await setup();
    server.setChat(() => ({ fault: 'http', status: 400, message: 'bad request' }));
    const client = make();
    await expect(triage(client)).rejects.toBeInstanceOf(AgentFailure);
    server.setChat(() => ({ content: 'not json at all' }));
    await expect(triage(client)).rejects.toThrow(/after one repair/);
    expect(store.db.prepare('SELECT count(*) AS n FROM model_cache').get()).toEqual({ n: 0 });
    server.setChat(() => ({ content: '{"department":"respiratory"}' }));
    await triage(client);
    expect(server.calls.chat).toBe(4);
  });

  it('keeps the OpenAI key out of keys, rows and messages, reading it at call time', async () => {
    const store = tempCacheDb();
    cleanups.push(store.cleanup);
    const secret = 'sk-test-0123456789abcdef';
    const server: FakeOpenAiServer = await startFakeOpenAi({ apiKey: secret, chat: () => ({ content: '{"department":"urology"}' }) });
    cleanups.push(() => server.close());
    const spec = parseModelSpec(`openai:${server.baseUrl}#llama-3.1-8b`) as RemoteModelSpec;
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY: secret };
    const cache = new SqliteModelCache(store.db);
    const client = new ModelClient({ cache, env, rng: new Rng(1), sleep: async () => {} });
    const result = await triage(client, 0, spec);
    expect(result.output).toEqual({ department: 'urology' });
    expect(server.chats[0].authorization).toBe(`Bearer ${secret}`);

    // Another key gives the same cache key: the key is not part of it.
    env.OPENAI_API_KEY = 'sk-other-key-999999';
    expect((await triage(client, 0, spec)).usage.cached).toBe(true);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM model_cache').all());
    expect(dump).not.toContain(secret);
    expect(JSON.stringify(client)).not.toContain('sk-other-key');

    // A server that echoes the key in its error never gets it into the failure reason.
    env.OPENAI_API_KEY = secret;
    server.setChat(() => ({ fault: 'http', status: 400, message: `bad key ${secret}` }));
    const failure = (await triage(client, 1, spec).catch((error: unknown) => error)) as AgentFailure;
    expect(failure.reason).toMatch(/HTTP 400: bad key \*\*\*/);
    expect(failure.message).not.toContain(secret);
  });

  it('replaces a recorded answer that no longer validates', async () => {
    const { server, store, make } = await setup();
    const client = make();
    await triage(client);
    store.db.prepare('UPDATE model_cache SET response = ?').run(JSON.stringify({ text: '{"wrong":1}', inTokens: 1, outTokens: 1 }));
    const fresh = await triage(client);
    expect(fresh.usage.cached).toBe(false);
    expect(server.calls.chat).toBe(2);
    expect((await triage(client)).usage.cached).toBe(true);
    expect(server.calls.chat).toBe(2);
  });
});
