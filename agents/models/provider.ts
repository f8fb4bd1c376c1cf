import { ModelCallError, classifyFetchFailure } from './call-error.js';

/** One chat message as both Ollama and OpenAI-compatible servers take it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Sampling options, named once and translated per provider. */
export interface ModelOptions {
  temperature?: number;
  seed?: number;
  /** Upper bound on generated tokens (Ollama `num_predict`, OpenAI `max_tokens`). */
  maxTokens?: number;
}

/** One request to a provider, after the client has chosen the endpoint. */
export interface ProviderRequest {
  model: string;
  messages: ChatMessage[];
  /** JSON schema for structured output, or undefined for free text. */
  jsonSchema?: Record<string, unknown>;
  schemaName?: string;
  options: ModelOptions;
  stream: boolean;
}

export interface ProviderReply {
  text: string;
  inTokens: number;
  outTokens: number;
  /** The server stopped at the token limit (Ollama done_reason / OpenAI finish_reason "length"). */
  truncated?: boolean;
}

export interface ProviderDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Bearer token, read by the caller at call time; never logged or kept. */
  apiKey?: string;
}

export type ProviderCall = (baseUrl: string, request: ProviderRequest, deps: ProviderDeps) => Promise<ProviderReply>;

/**
 * POST JSON and hand the open response to `read`, all under one timeout that also covers reading
 * the body (a server that sends headers and then stalls is a timeout too).
 */
export async function postJson<T>(
  url: string,
  body: unknown,
  deps: ProviderDeps,
  where: string,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const signal = AbortSignal.timeout(deps.timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (deps.apiKey) headers.authorization = `Bearer ${deps.apiKey}`;
  try {
    const response = await deps.fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!response.ok) throw await httpError(response, where);
    return await read(response);
  } catch (error) {
    throw classifyFetchFailure(error, signal, deps.timeoutMs, where);
  }
}

/** GET JSON under a timeout (probes). */
export async function getJson(url: string, deps: ProviderDeps, where: string): Promise<unknown> {
  const signal = AbortSignal.timeout(deps.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (deps.apiKey) headers.authorization = `Bearer ${deps.apiKey}`;
    const response = await deps.fetch(url, { headers, signal });
    if (!response.ok) throw await httpError(response, where);
    return parseJsonBody(await response.text(), where);
  } catch (error) {
    throw classifyFetchFailure(error, signal, deps.timeoutMs, where);
  }
}

/** A non-2xx answer, with the server's own error message when it sent one (truncated). */
async function httpError(response: Response, where: string): Promise<ModelCallError> {
  const text = await response.text().catch(() => '');
  let detail = text.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    const message = errorMessageOf(parsed);
    if (message) detail = message;
  } catch {
    // not JSON: keep the text
  }
  const summary = detail ? `: ${detail.slice(0, 200)}` : '';
  return new ModelCallError('http', `${where} answered HTTP ${response.status}${summary}`, response.status);
}

export function parseJsonBody(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ModelCallError('protocol', `${where} sent a body that is not JSON`);
  }
}

/** `{"error": "..."}` (Ollama) or `{"error": {"message": "..."}}` (OpenAI), else undefined. */
export function errorMessageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || !('error' in body)) return undefined;
  const error = body.error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return error === null || error === undefined ? undefined : JSON.stringify(error);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Blank out a secret wherever a server echoed it into a message. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
