import { InputError } from '../../domain/errors.js';

/**
 * Model specs name who plays a role: the built-in offline agent, a model on Ollama, or a model on
 * an OpenAI-compatible server (vLLM, llama.cpp server, LM Studio). Model names may contain colons
 * (`ollama:qwen2.5:7b-instruct`), so only the first colon separates the provider.
 */
export type ModelSpec =
  { provider: 'builtin' } | { provider: 'ollama'; model: string } | { provider: 'openai'; baseUrl: string; model: string };

export type RemoteModelSpec = Exclude<ModelSpec, { provider: 'builtin' }>;

export const modelSpecExpected = 'builtin, ollama:<model> or openai:<base-url>#<model>';

/**
 * Parse a spec string. `where` names the option or file field it came from (e.g. "--specialist"),
 * so a bad value reports as one clear line.
 */
export function parseModelSpec(text: string, where = 'model'): ModelSpec {
  const value = text.trim();
  if (value === 'builtin') return { provider: 'builtin' };
  const colon = value.indexOf(':');
  const provider = colon < 0 ? value : value.slice(0, colon);
  const rest = colon < 0 ? '' : value.slice(colon + 1);
  if (provider === 'ollama' && rest.trim() !== '' && !/\s/.test(rest)) {
    return { provider: 'ollama', model: rest };
  }
  if (provider === 'openai') {
    const hash = rest.lastIndexOf('#');
    const base = hash < 0 ? '' : rest.slice(0, hash);
    const model = hash < 0 ? '' : rest.slice(hash + 1);
    const baseUrl = parseBaseUrl(base);
    if (baseUrl && model.trim() !== '' && !/\s/.test(model)) return { provider: 'openai', baseUrl, model };
    if (baseUrl === null && base !== '' && hasCredentials(base)) {
      throw new InputError(where, 'model spec', 'a base URL without credentials (the key is read from OPENAI_API_KEY)');
    }
  }
  throw new InputError(where, 'model spec', modelSpecExpected);
}

/** The spec as recorded on events and in runs: never holds credentials. */
export function formatModelSpec(spec: ModelSpec): string {
  switch (spec.provider) {
    case 'builtin':
      return 'builtin';
    case 'ollama':
      return `ollama:${spec.model}`;
    case 'openai':
      return `openai:${spec.baseUrl}#${spec.model}`;
  }
}

export function isRemoteSpec(spec: ModelSpec): spec is RemoteModelSpec {
  return spec.provider !== 'builtin';
}

/** An http(s) URL without user info, without a trailing slash; null when it is not one. */
function parseBaseUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.toString().replace(/\/+$/, '');
}

function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Remove user info from a URL string (defensive: for keys, labels and messages). */
export function withoutCredentials(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return text;
  }
}
