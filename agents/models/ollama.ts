import { ModelCallError } from './call-error.js';
import {
  countOf,
  errorMessageOf,
  isRecord,
  parseJsonBody,
  postJson,
  type ProviderDeps,
  type ProviderReply,
  type ProviderRequest,
} from './provider.js';

/**
 * Ollama's native chat API (POST /api/chat). Called with fetch directly rather than through the
 * `ollama` client: that client logs to the console on error bodies, turns in-stream errors into
 * untyped Errors, and only times out through a custom fetch anyway.
 */
export async function ollamaChat(baseUrl: string, request: ProviderRequest, deps: ProviderDeps): Promise<ProviderReply> {
  const where = `Ollama at ${baseUrl}`;
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages,
    stream: request.stream,
    options: ollamaOptions(request),
  };
  if (request.jsonSchema) body.format = request.jsonSchema;
  return postJson(`${baseUrl}/api/chat`, body, deps, where, (response) =>
    request.stream ? readStream(response, where) : readSingle(response, where),
  );
}

function ollamaOptions(request: ProviderRequest): Record<string, number> {
  const options: Record<string, number> = {};
  if (request.options.temperature !== undefined) options.temperature = request.options.temperature;
  if (request.options.seed !== undefined) options.seed = request.options.seed;
  if (request.options.maxTokens !== undefined) options.num_predict = request.options.maxTokens;
  return options;
}

async function readSingle(response: Response, where: string): Promise<ProviderReply> {
  const body = parseJsonBody(await response.text(), where);
  const chunk = checkChunk(body, where);
  if (chunk.done !== true) throw new ModelCallError('protocol', `${where} sent an unfinished reply with stream off`);
  return { text: contentOf(chunk), ...finalCounts(chunk) };
}

/** NDJSON: one object per line; the final one has `done: true` and the token counts. */
async function readStream(response: Response, where: string): Promise<ProviderReply> {
  if (!response.body) throw new ModelCallError('protocol', `${where} sent no body`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  const handleLine = (line: string): ProviderReply | undefined => {
    if (line.trim() === '') return undefined;
    const chunk = checkChunk(parseJsonBody(line, where), where);
    text += contentOf(chunk);
    if (chunk.done !== true) return undefined;
    return { text, ...finalCounts(chunk) };
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const final = handleLine(buffer.slice(0, newline));
      if (final) {
        await reader.cancel().catch(() => undefined);
        return final;
      }
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  const final = handleLine(buffer + decoder.decode());
  if (final) return final;
  throw new ModelCallError('connection', `${where} ended the stream before the final message`);
}

/** Token counts and the stop reason, which Ollama puts on the final (`done: true`) object. */
function finalCounts(chunk: Record<string, unknown>): Omit<ProviderReply, 'text'> {
  return {
    inTokens: countOf(chunk.prompt_eval_count),
    outTokens: countOf(chunk.eval_count),
    truncated: chunk.done_reason === 'length',
  };
}

function checkChunk(body: unknown, where: string): Record<string, unknown> {
  if (!isRecord(body)) throw new ModelCallError('protocol', `${where} sent JSON that is not an object`);
  const error = errorMessageOf(body);
  if (error !== undefined) throw new ModelCallError('server-error', `${where} reported an error: ${error.slice(0, 200)}`);
  return body;
}

function contentOf(chunk: Record<string, unknown>): string {
  const message = chunk.message;
  return isRecord(message) && typeof message.content === 'string' ? message.content : '';
}
