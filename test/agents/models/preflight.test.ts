import { afterEach, describe, expect, it } from 'vitest';
import { ModelUnavailableError, preflightModels } from '../../../agents/models/preflight.js';
import { startFakeOllama, type FakeOllamaServer } from '../../fakes/ollama-server.js';
import { startFakeOpenAi, type FakeOpenAiServer } from '../../fakes/openai-server.js';
import { closedPortUrl } from './helpers.js';

const servers: (FakeOllamaServer | FakeOpenAiServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function failureOf(promise: Promise<unknown>): Promise<ModelUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelUnavailableError);
  return error as ModelUnavailableError;
}

describe('preflightModels', () => {
  it('passes when every host has every model (a bare name means :latest), and ignores builtin', async () => {
    const ollama = await startFakeOllama({
      models: [{ name: 'mistral:latest', size: 1, family: 'llama', parameterSize: '7B', quantization: 'Q4_0' }],
    });
    const openai = await startFakeOpenAi({ apiKey: 'sk-pre' });
    servers.push(ollama, openai);
    await preflightModels(
      { triage: 'builtin', specialist: 'ollama:mistral', patient: `openai:${openai.baseUrl}#llama-3.1-8b` },
      { ollamaHosts: [ollama.url], env: { OPENAI_API_KEY: 'sk-pre' } },
    );
  });

  it('lists every missing model and unreachable host in one exit-3 error', async () => {
    const ollama = await startFakeOllama();
    servers.push(ollama);
    const down = await closedPortUrl();
    const error = await failureOf(
      preflightModels({ specialist: 'ollama:qwen2.5:14b', triage: 'ollama:qwen2.5:7b-instruct' }, { ollamaHosts: [ollama.url, down] }),
    );
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(`Ollama is not reachable at ${down}`);
    expect(error.message).toContain(`${ollama.url} does not have qwen2.5:14b: run \`ollama pull qwen2.5:14b\` there`);
    expect(error.message).not.toContain('does not have qwen2.5:7b-instruct');
  });

  it('checks an OpenAI-compatible server lists the model, and says to check the key on 401', async () => {
    const openai = await startFakeOpenAi({ apiKey: 'sk-right-key', models: ['other-model'] });
    servers.push(openai);
    const spec = { specialist: `openai:${openai.baseUrl}#llama-3.1-8b` };
    const wrongModel = await failureOf(preflightModels(spec, { ollamaHosts: [], env: { OPENAI_API_KEY: 'sk-right-key' } }));
    expect(wrongModel.message).toMatch(/does not serve llama-3\.1-8b \(it serves other-model\)/);
    const wrongKey = await failureOf(preflightModels(spec, { ollamaHosts: [], env: { OPENAI_API_KEY: 'sk-wrong-key' } }));
    expect(wrongKey.message).toMatch(/HTTP 401.*check OPENAI_API_KEY/);
    expect(wrongKey.message).not.toContain('sk-wrong-key');
  });
});
