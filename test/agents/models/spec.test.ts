import { describe, expect, it } from 'vitest';
import { InputError } from '../../../domain/errors.js';
import { formatModelSpec, parseModelSpec } from '../../../agents/models/spec.js';

describe('parseModelSpec', () => {
  it('reads builtin, ollama models with colons in their names, and openai base URL plus model', () => {
    expect(parseModelSpec('builtin')).toEqual({ provider: 'builtin' });
    expect(parseModelSpec('ollama:qwen2.5:7b-instruct')).toEqual({ provider: 'ollama', model: 'qwen2.5:7b-instruct' });
    expect(parseModelSpec('ollama:hf.co/org/model:Q4_K_M')).toEqual({ provider: 'ollama', model: 'hf.co/org/model:Q4_K_M' });
    expect(parseModelSpec('openai:http://127.0.0.1:8000/v1#llama-3.1-8b')).toEqual({
      provider: 'openai',
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'llama-3.1-8b',
    });
    expect(parseModelSpec('openai:http://gpu:8000/v1/#org/model:tag').provider).toBe('openai');
  });

  it('round-trips through formatModelSpec', () => {
    for (const text of ['builtin', 'ollama:qwen2.5:7b-instruct', 'openai:http://127.0.0.1:8000/v1#llama-3.1-8b']) {
      expect(formatModelSpec(parseModelSpec(text))).toBe(text);
    }
  });

  it.each([
    '',
    'ollama',
    'ollama:',
    'gpt-4',
    'openai:llama',
    'openai:http://host/v1',
    'openai:ftp://host#m',
    'openai:http://host/v1#',
    'anthropic:claude',
  ])('rejects %j with one clear line naming the option', (text) => {
    const error = (() => {
      try {
        parseModelSpec(text, '--specialist');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('--specialist: model spec: builtin, ollama:<model> or openai:<base-url>#<model>');
    expect((error as InputError).exitCode).toBe(2);
  });

  it('refuses credentials in the base URL and never echoes them', () => {
    expect(() => parseModelSpec('openai:http://user:sk-secret@host/v1#m', '--doctor')).toThrow(/OPENAI_API_KEY/);
    try {
      parseModelSpec('openai:http://user:sk-secret@host/v1#m', '--doctor');
    } catch (error) {
      expect(String(error)).not.toContain('sk-secret');
    }
  });
});
