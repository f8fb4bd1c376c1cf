import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Rng } from '../../../domain/random.js';
import { AgentFailure } from '../../../agents/roles.js';
import { ModelClient, type ModelClientOptions } from '../../../agents/models/client.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import { startFakeOllama, type FakeOllamaServer, type FakeReply } from '../../fakes/ollama-server.js';
import { closedPortUrl } from './helpers.js';

const spec = parseModelSpec('ollama:qwen2.5:7b-instruct') as RemoteModelSpec;
const answerSchema = z.object({ answer: z.string(), p: z.number().min(0).max(1) }).meta({ title: 'Answer' });
const messages = [
  { role: 'system' as const, content: 'You answer in JSON.' },
  { role: 'user' as const, content: 'What is it?' },
];

const servers: FakeOllamaServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function fake(...script: FakeReply[]): Promise<FakeOllamaServer> {
  const queue = [...script];
  const server = await startFakeOllama({ chat: () => queue.shift() ?? { content: '{"answer":"fine","p":0.5}' } });
  servers.push(server);
  return server;
}

function client(server: FakeOllamaServer | string[], options: Partial<ModelClientOptions> = {}): { client: ModelClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const hosts = Array.isArray(server) ? server : [server.url];
  return {
    client: new ModelClient({
      ollamaHosts: hosts,
      rng: new Rng(7),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    }),
    sleeps,
  };
}

const ask = (modelClient: ModelClient, sample = 0) =>
  modelClient.chat({
    spec,
    role: 'specialist',
    messages,
    schema: answerSchema,
    sample,
    options: { temperature: 0.2, seed: 11, maxTokens: 256 },
  });

async function failureOf(promise: Promise<unknown>): Promise<AgentFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AgentFailure) return error;
    throw error;
  }
  throw new Error('expected an AgentFailure');
}

describe('ModelClient with Ollama', () => {
  it('sends the schema as `format`, options, stream off, and returns typed output with usage', async () => {
    const server = await fake({ content: '{"answer":"pneumonia?","p":0.7}', promptTokens: 42, evalTokens: 9 });
    const { client: modelClient } = client(server);
    const result = await ask(modelClient);
    expect(result.output).toEqual({ answer: 'pneumonia?', p: 0.7 });
    expect(result.usage).toMatchObject({ model: 'ollama:qwen2.5:7b-instruct', inTokens: 42, outTokens: 9, cached: false });
    expect(result.usage.latencyMs).toBeGreaterThanOrEqual(0);
    const body = server.chats[0].body;
    expect(body.stream).toBe(false);
    expect(body.model).toBe('qwen2.5:7b-instruct');
    expect(body.options).toEqual({ temperature: 0.2, seed: 11, num_predict: 256 });
    expect(body.format).toMatchObject({ type: 'object', title: 'Answer', required: ['answer', 'p'] });
    expect(body.format).not.toHaveProperty('$schema');
  });

  it('reads a streamed NDJSON reply, with token counts from the final chunk', async () => {
    const server = await fake({ content: '{"answer":"a long streamed answer","p":0.25}', promptTokens: 30, evalTokens: 12 });
    const { client: modelClient } = client(server, { stream: true });
    const result = await ask(modelClient);
    expect(server.chats[0].body.stream).toBe(true);
    expect(result.output).toEqual({ answer: 'a long streamed answer', p: 0.25 });
    expect(result.usage).toMatchObject({ inTokens: 30, outTokens: 12 });
  });

  it('returns free text when no schema is given', async () => {
    const server = await fake({ content: 'It hurts when I breathe in.' });
    const { client: modelClient } = client(server);
    const result = await modelClient.chat({ spec, role: 'patient', messages, sample: 0 });
    expect(result.output).toBe('It hurts when I breathe in.');
    expect(server.chats[0].body.format).toBeUndefined();
  });

  it('times out a hung server in about the timeout, per attempt', async () => {
    const server = await fake({ fault: 'hang' }, { fault: 'hang' }, { fault: 'hang' });
    const { client: modelClient, sleeps } = client(server, { timeoutMs: 300 });
    const started = Date.now();
    const failure = await failureOf(ask(modelClient));
    const elapsed = Date.now() - started;
    expect(failure.reason).toMatch(/no answer from Ollama at http:\/\/127\.0\.0\.1:\d+ within 0\.3 s \(after 3 attempts\)/);
    expect(server.calls.chat).toBe(3);
    expect(sleeps).toHaveLength(2);
    // Each attempt really waited its timeout (a floor load cannot break); how long a call takes is a bench figure.
    expect(elapsed).toBeGreaterThanOrEqual(850);
  });

  it('retries a slow answer that exceeds the timeout and succeeds on the next attempt', async () => {
    const server = await fake({ content: '{"answer":"late","p":1}', delayMs: 1000 }, { content: '{"answer":"quick","p":1}' });
    const { client: modelClient } = client(server, { timeoutMs: 250 });
    const result = await ask(modelClient);
    expect(result.output.answer).toBe('quick');
    expect(server.calls.chat).toBe(2);
  });

  it.each<[string, FakeReply]>([
    ['HTTP 500', { fault: 'http-500' }],
    ['HTTP 503', { fault: 'http', status: 503, message: 'server busy, please try again.  maximum pending requests exceeded' }],
    ['HTTP 200 with {"error"}', { fault: 'error-body' }],
    ['a dropped connection', { fault: 'disconnect' }],
  ])('retries after %s', async (_name, fault) => {
    const server = await fake(fault, { content: '{"answer":"ok","p":0.1}' });
    const { client: modelClient, sleeps } = client(server);
    const result = await ask(modelClient);
    expect(result.output.answer).toBe('ok');
    expect(server.calls.chat).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('retries an {"error"} line in the middle of a stream', async () => {
    const server = await fake({ fault: 'error-body' }, { content: '{"answer":"ok","p":0.1}' });
    const { client: modelClient } = client(server, { stream: true });
    expect((await ask(modelClient)).output.answer).toBe('ok');
    expect(server.calls.chat).toBe(2);
  });

  it.each<[string, FakeReply, RegExp]>([
    ['HTTP 400', { fault: 'http', status: 400, message: 'invalid format' }, /HTTP 400: invalid format/],
    ['an envelope that is not JSON', { fault: 'invalid-json' }, /not JSON/],
  ])('does not retry %s', async (_name, fault, reason) => {
    const server = await fake(fault, { content: '{"answer":"never","p":0}' });
    const { client: modelClient, sleeps } = client(server);
    const failure = await failureOf(ask(modelClient));
    expect(failure.role).toBe('specialist');
    expect(failure.reason).toMatch(reason);
    expect(server.calls.chat).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('does not retry an unknown model (HTTP 404) and says which', async () => {
    const server = await fake();
    const { client: modelClient } = client(server);
    const missing = parseModelSpec('ollama:nosuch:1b') as RemoteModelSpec;
    const failure = await failureOf(modelClient.chat({ spec: missing, role: 'triage', messages, sample: 0 }));
    expect(failure.reason).toMatch(/HTTP 404: model "nosuch:1b" not found/);
    expect(server.calls.chat).toBe(1);
  });

  it('gives up after the configured attempts with exponential, jittered, seeded backoff', async () => {
    const server = await fake({ fault: 'http-500' }, { fault: 'http-500' }, { fault: 'http-500' }, { fault: 'http-500' });
    const run = async () => {
      const { client: modelClient, sleeps } = client(server, { retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 3000 } });
      const failure = await failureOf(ask(modelClient));
      return { failure, sleeps };
    };
    const first = await run();
    expect(first.failure.reason).toMatch(/HTTP 500.*\(after 4 attempts\)/);
    expect(first.sleeps).toHaveLength(3);
    expect(first.sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(first.sleeps[0]).toBeLessThanOrEqual(1000);
    expect(first.sleeps[1]).toBeGreaterThanOrEqual(1000);
    expect(first.sleeps[1]).toBeLessThanOrEqual(2000);
    expect(first.sleeps[2]).toBeGreaterThanOrEqual(1500);
    expect(first.sleeps[2]).toBeLessThanOrEqual(3000);
    server.setChat(() => ({ fault: 'http-500' }));
    const second = await run();
    expect(second.sleeps).toEqual(first.sleeps);
  });

  it('repairs output that does not match the schema once, sending back the error', async () => {
    const server = await fake(
      { content: '{"answer":"pneumonia","p":7}', promptTokens: 10, evalTokens: 5 },
      { content: '{"answer":"pneumonia","p":0.7}', promptTokens: 20, evalTokens: 6 },
    );
    const { client: modelClient } = client(server);
    const result = await ask(modelClient);
    expect(result.output.p).toBe(0.7);
    expect(result.usage).toMatchObject({ inTokens: 30, outTokens: 11 });
    const repair = server.chats[1].body.messages;
    expect(repair.slice(0, 2)).toEqual(messages);
    expect(repair[2]).toEqual({ role: 'assistant', content: '{"answer":"pneumonia","p":7}' });
    expect(repair[3].role).toBe('user');
    expect(repair[3].content).toMatch(/p: .*(1|less)/i);
  });

  it('fails with a clear reason when the repaired output is still wrong, after exactly one repair', async () => {
    const server = await fake({ content: 'I think it is pneumonia' }, { content: '{"answer": 3}' }, { content: '{"answer":"x","p":0}' });
    const { client: modelClient } = client(server);
    const failure = await failureOf(ask(modelClient));
    expect(server.calls.chat).toBe(2);
    expect(failure.reason).toMatch(/did not match the schema after one repair attempt: answer: .*; p: /);
    expect(failure.usage?.outTokens).toBeGreaterThan(0);
    expect(server.chats[1].body.messages[3].content).toMatch(/not valid JSON/);
  });

  it('balances calls over several hosts and fails over from one that is down', async () => {
    const one = await fake();
    const two = await fake();
    const { client: modelClient } = client([one.url, two.url], { concurrencyPerEndpoint: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, sample) => ask(modelClient, sample)));
    expect(one.calls.chat).toBe(3);
    expect(two.calls.chat).toBe(3);

    const down = await closedPortUrl();
    const { client: failover, sleeps } = client([down, one.url]);
    const before = one.calls.chat;
    // Least busy ties go to the first listed host, which refuses; the retry goes to the other.
    expect((await ask(failover, 99)).output.answer).toBe('fine');
    expect(one.calls.chat).toBe(before + 1);
    expect(sleeps).toHaveLength(1);
  });

  it('tells the model when its invalid output was cut off at the token limit', async () => {
    const server = await fake({ content: '{"answer":"a very long', doneReason: 'length' }, { content: '{"answer":"short","p":0.5}' });
    const { client: modelClient } = client(server);
    expect((await ask(modelClient)).output.answer).toBe('short');
    expect(server.chats[1].body.messages[3].content).toMatch(
      /cut off at the length limit of 256 tokens, so be briefer; the reply is not valid JSON/,
    );
  });

  it('survives faults injected at seeded rates, the same way on every run', async () => {
    const run = async () => {
      const server = await startFakeOllama({
        chat: () => ({ content: '{"answer":"ok","p":0.5}' }),
        faults: { rng: new Rng(42), rates: { 'http-500': 0.25, 'error-body': 0.15, disconnect: 0.1 } },
      });
      servers.push(server);
      const { client: modelClient } = client(server, { retry: { attempts: 6 }, concurrencyPerEndpoint: 1 });
      for (let sample = 0; sample < 20; sample++) expect((await ask(modelClient, sample)).output.answer).toBe('ok');
      return server.calls.chat;
    };
    const first = await run();
    expect(first).toBeGreaterThan(20);
    expect(await run()).toBe(first);
  });

  it.each([false, true])('times out a server that stalls mid-answer (stream %s)', async (stream) => {
    const server = await fake({ fault: 'stall' }, { content: '{"answer":"recovered","p":0.2}' });
    const { client: modelClient } = client(server, { timeoutMs: 300, stream });
    const started = Date.now();
    expect((await ask(modelClient)).output.answer).toBe('recovered');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.calls.chat).toBe(2);
  });

  it('never has more calls in flight on a server than its concurrency limit', async () => {
    const server = await startFakeOllama({ chat: () => ({ content: '{"answer":"ok","p":0.5}', delayMs: 40 }) });
    servers.push(server);
    const { client: modelClient } = client(server, { concurrencyPerEndpoint: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, sample) => ask(modelClient, sample)));
    expect(server.calls.chat).toBe(8);
    expect(server.inFlight.max).toBe(2);
  });
});
