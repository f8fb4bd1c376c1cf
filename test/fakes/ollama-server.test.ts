import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../domain/random.js';
import { startFakeOllama, type FakeOllamaServer } from './ollama-server.js';
import { startFakeOpenAi, type FakeOpenAiServer } from './openai-server.js';

const servers: (FakeOllamaServer | FakeOpenAiServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('fake Ollama server', () => {
  it('streams NDJSON by default with the counts on the final done object', async () => {
    const server = await startFakeOllama({ chat: () => ({ content: 'Hello there, doctor.', promptTokens: 12, evalTokens: 5 }) });
    servers.push(server);
    const response = await post(`${server.url}/api/chat`, { model: 'qwen2.5:7b-instruct', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(0, -1).every((line) => line.done === false)).toBe(true);
    expect(lines.map((line) => (line.message as { content: string }).content).join('')).toBe('Hello there, doctor.');
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 12, eval_count: 5 });
    expect(lines.at(-1)?.total_duration).toEqual(expect.any(Number));
  });

  it('answers one object with stream false, and 404 for an unknown model', async () => {
    const server = await startFakeOllama({ chat: () => ({ content: 'ok' }) });
    servers.push(server);
    const single = (await (await post(`${server.url}/api/chat`, { model: 'llama3.1:8b', messages: [], stream: false })).json()) as Record<
      string,
      unknown
    >;
    expect(single).toMatchObject({ done: true, message: { role: 'assistant', content: 'ok' } });
    const missing = await post(`${server.url}/api/chat`, { model: 'nope', messages: [], stream: false });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'model "nope" not found, try pulling it first' });
  });

  it('serves /api/tags, /api/show and /api/version and counts calls', async () => {
    const server = await startFakeOllama();
    servers.push(server);
    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as { models: { details: Record<string, string> }[] };
    expect(tags.models[0].details).toMatchObject({ format: 'gguf', quantization_level: 'Q4_K_M' });
    const show = (await (await post(`${server.url}/api/show`, { model: 'llama3.1:8b' })).json()) as Record<string, unknown>;
    expect(show).toMatchObject({ details: { parameter_size: '8.0B' }, capabilities: expect.any(Array) });
    expect(await (await fetch(`${server.url}/api/version`)).json()).toEqual({ version: '0.12.6' });
    expect(server.calls).toMatchObject({ tags: 1, show: 1, version: 1, total: 3 });
  });

  it('injects faults at seeded rates, deterministically', async () => {
    const statuses = async () => {
      const server = await startFakeOllama({ faults: { rng: new Rng(5), rates: { 'http-500': 0.3, 'error-body': 0.3 } } });
      servers.push(server);
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        const response = await post(`${server.url}/api/chat`, { model: 'llama3.1:8b', messages: [], stream: false });
        const body = (await response.json()) as Record<string, unknown>;
        seen.push(response.status === 500 ? '500' : 'error' in body ? 'error' : 'ok');
      }
      return seen;
    };
    const first = await statuses();
    expect(new Set(first)).toEqual(new Set(['500', 'error', 'ok']));
    expect(await statuses()).toEqual(first);
  });
});

describe('fake OpenAI-compatible server', () => {
  it('answers chat completions with usage, lists models, and checks the key', async () => {
    const server = await startFakeOpenAi({ apiKey: 'sk-fake', chat: () => ({ content: '{"a":1}', promptTokens: 9, evalTokens: 3 }) });
    servers.push(server);
    const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-fake' };
    const body = JSON.stringify({ model: 'llama-3.1-8b', messages: [{ role: 'user', content: 'hi' }] });
    const completion = (await (await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', headers, body })).json()) as Record<
      string,
      unknown
    >;
    expect(completion).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { content: '{"a":1}' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
    });
    const models = (await (await fetch(`${server.baseUrl}/models`, { headers })).json()) as { data: { id: string }[] };
    expect(models.data.map((entry) => entry.id)).toEqual(['llama-3.1-8b']);
    const denied = await fetch(`${server.baseUrl}/models`);
    expect(denied.status).toBe(401);
  });
});
