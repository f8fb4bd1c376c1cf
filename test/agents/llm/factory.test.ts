import { describe, expect, it } from 'vitest';
import { Rng } from '../../../domain/random.js';
import { createLlmAgents, createModelRuntime, LlmPatientAgent, LlmSpecialistAgent } from '../../../agents/llm/index.js';
import { ModelClient } from '../../../agents/models/client.js';
import { cacheModeFromFlags, parseModelTimeout, roleModelsFromFlags } from '../../../agents/models/run-options.js';
import { loadPrompt, promptNames } from '../../../agents/prompts/prompts.js';
import { pneumoniaCase } from './fixtures.js';

describe('createLlmAgents', () => {
  const { set } = pneumoniaCase();
  const client = new ModelClient({ rng: new Rng(1) });

  it('builds only the roles whose spec is not builtin', () => {
    const agents = createLlmAgents({
      specs: { triage: 'builtin', specialist: 'ollama:qwen2.5:7b-instruct', patient: 'openai:http://127.0.0.1:8000/v1#llama-3.1-8b' },
      client,
      catalogue: set.catalogue,
    });
    expect(Object.keys(agents).sort()).toEqual(['patient', 'specialist']);
    expect(agents.specialist).toBeInstanceOf(LlmSpecialistAgent);
    expect(agents.patient).toBeInstanceOf(LlmPatientAgent);
  });

  it('names the flag of a bad spec', () => {
    expect(() => createLlmAgents({ specs: { followUp: 'gpt4' }, client, catalogue: set.catalogue })).toThrow(/^--followup: model spec: /);
  });

  it('gives the engine a ModelRuntime over one shared client', () => {
    const runtime = createModelRuntime({ ollamaHost: '127.0.0.1:1', env: {} });
    const roles = runtime.createRoles(
      { triage: 'builtin', specialist: 'ollama:m', followUp: 'builtin', patient: 'builtin', examiner: 'builtin' },
      set,
    );
    expect(Object.keys(roles)).toEqual(['specialist']);
    expect(runtime.client.ollamaLoad()).toEqual([{ url: 'http://127.0.0.1:1', busy: 0 }]);
    expect(() => createModelRuntime({ cacheMode: 'replay', env: {} })).toThrow(/^--replay: /);
  });
});

describe('run flags', () => {
  it('--doctor sets the three doctor roles unless a role has its own flag', () => {
    expect(
      roleModelsFromFlags({ doctor: 'ollama:qwen2.5:7b', specialist: 'openai:http://h:8000/v1#m', patientModel: 'ollama:llama3.1:8b' }),
    ).toEqual({
      triage: 'ollama:qwen2.5:7b',
      specialist: 'openai:http://h:8000/v1#m',
      followUp: 'ollama:qwen2.5:7b',
      patient: 'ollama:llama3.1:8b',
      examiner: 'builtin',
    });
    expect(() => roleModelsFromFlags({ examiner: 'nope' })).toThrow(/^--examiner: model spec/);
    expect(() => roleModelsFromFlags({ doctor: 'nope' })).toThrow(/^--doctor: model spec/);
  });

  it('reads --model-timeout in seconds and the cache flags', () => {
    expect(parseModelTimeout('120')).toBe(120_000);
    expect(parseModelTimeout('0.5')).toBe(500);
    expect(parseModelTimeout(undefined)).toBeUndefined();
    expect(() => parseModelTimeout('soon')).toThrow(/^--model-timeout: seconds: /);
    expect(() => parseModelTimeout('0')).toThrow(/^--model-timeout/);
    expect(cacheModeFromFlags({})).toBe('read-write');
    expect(cacheModeFromFlags({ cache: false })).toBe('off');
    expect(cacheModeFromFlags({ cache: true, replay: true })).toBe('replay');
    expect(() => cacheModeFromFlags({ cache: false, replay: true })).toThrow(/^--replay/);
  });
});

describe('prompts', () => {
  it('load for every role from the package root', () => {
    for (const name of promptNames) expect(loadPrompt(name).length).toBeGreaterThan(200);
    expect(loadPrompt('specialist')).toMatch(/ONE question/);
    expect(loadPrompt('patient')).toMatch(/Never name a disease/);
  });
});
