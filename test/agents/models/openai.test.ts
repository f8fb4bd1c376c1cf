import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Rng } from '../../../domain/random.js';
import { AgentFailure } from '../../../agents/roles.js';
import { ModelClient } from '../../../agents/models/client.js';
import { parseModelSpec, type RemoteModelSpec } from '../../../agents/models/spec.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../../fakes/openai-server.js';
import type { FakeReply } from '../../fakes/fault-plan.js';

const schema = z.object({ diagnosis: z.string() }).meta({ title: 'Diagnosis' });
const servers: FakeOpenAiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(...script: FakeReply[]) {
  const queue = [...script];
  const server = await startFakeOpenAi({ chat: () => queue.shift() ?? { content: '{"diagnosis":"cystitis"}' } });
  servers.push(server);
  const spec = parseModelSpec(`openai:${server.baseUrl}#llama-3.1-8b`) as RemoteModelSpec;
  const client = new ModelClient({ rng: new Rng(3), sleep: async () => {}, env: {}, timeoutMs: 300 });
  const call = () =>
    client.chat({
      spec,
      role: 'specialist',
      messages: [{ role: 'user', content: 'Diagnose.' }],
      schema,
      sample: 0,
      options: { temperature: 0.5, seed: 4, maxTokens: 100 },
    });
  return { server, call };
}

describe('ModelClient with an OpenAI-compatible server', () => {
  it('asks for json_schema structured output and reads usage.prompt_tokens / completion_tokens', async () => {
    const { server, call } = await setup({ content: '{"diagnosis":"acute cystitis"}', promptTokens: 77, evalTokens: 8 });
    const result = await call();
    expect(result.output).toEqual({ diagnosis: 'acute cystitis' });
    expect(result.usage).toMatchObject({ model: `openai:${server.baseUrl}#llama-3.1-8b`, inTokens: 77, outTokens: 8, cached: false });
    const body = server.chats[0].body;
    expect(body).toMatchObject({ model: 'llama-3.1-8b', temperature: 0.5, seed: 4, max_tokens: 100 });
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'Diagnosis', strict: false } });
    expect(server.chats[0].authorization).toBeUndefined();
  });

  it('retries 5xx, 200-with-error and hangs; not 4xx', async () => {
    const retried = await setup({ fault: 'http-500' }, { fault: 'error-body' }, { content: '{"diagnosis":"x"}' });
    expect((await retried.call()).output.diagnosis).toBe('x');
    expect(retried.server.calls.chat).toBe(3);

    const hung = await setup({ fault: 'hang' }, { content: '{"diagnosis":"y"}' });
    expect((await hung.call()).output.diagnosis).toBe('y');

    const refused = await setup({ fault: 'http', status: 422, message: 'bad schema' });
    const failure = await refused.call().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AgentFailure);
    expect((failure as AgentFailure).reason).toMatch(/HTTP 422: bad schema/);
    expect(refused.server.calls.chat).toBe(1);
  });
});
