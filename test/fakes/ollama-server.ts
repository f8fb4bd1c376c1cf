import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  drawFault,
  isFault,
  readBody,
  sendJson,
  sleep,
  tokensOf,
  type FakeReply,
  type Fault,
  type FaultRates,
  type ModelReply,
} from './fault-plan.js';

export type { FakeReply, Fault, FaultRates, ModelReply } from './fault-plan.js';

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's API the way the real one does:
 * POST /api/chat (NDJSON stream by default, one JSON object with `stream: false`; token counts
 * and durations on the final `done: true` object), GET /api/tags, POST /api/show, GET /api/version,
 * 404 for an unknown model. Replies are scripted by a handler (per role, keyed by the title of the
 * JSON schema sent as `format`), and faults are injected by the handler or at seeded rates.
 */
export interface OllamaChatBody {
  model: string;
  messages: { role: string; content: string }[];
  stream?: boolean;
  format?: unknown;
  options?: { temperature?: number; seed?: number; num_predict?: number };
}

export interface FakeChatCall {
  body: OllamaChatBody;
  /** `format.title` when a JSON schema was sent (the role's structured output). */
  schemaName?: string;
  /** 0-based index of this chat call on the server. */
  index: number;
  headers: IncomingMessage['headers'];
}

export type ChatHandler = (call: FakeChatCall) => FakeReply | Promise<FakeReply>;

export interface FakeModel {
  name: string;
  size: number;
  family: string;
  parameterSize: string;
  quantization: string;
}

export interface FakeOllamaOptions {
  /** Handler for every chat call without a more specific one. */
  chat?: ChatHandler;
  /** Handlers by JSON schema title (e.g. "SpecialistAction"). */
  bySchema?: Record<string, ChatHandler>;
  models?: FakeModel[];
  version?: string;
  faults?: FaultRates;
  /** Characters per streamed chunk. */
  chunkSize?: number;
}

export interface FakeOllamaServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** host:port, as OLLAMA_HOST would hold it. */
  host: string;
  calls: { chat: number; tags: number; show: number; version: number; total: number };
  /** Chat requests being answered right now, and the most there ever were at once. */
  inFlight: { now: number; max: number };
  chats: FakeChatCall[];
  /** Replace the chat handler (scripts that change mid-test). */
  setChat(handler: ChatHandler): void;
  close(): Promise<void>;
}

export const defaultFakeModels: FakeModel[] = [
  { name: 'qwen2.5:7b-instruct', size: 4_683_087_332, family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M' },
  { name: 'llama3.1:8b', size: 4_920_753_328, family: 'llama', parameterSize: '8.0B', quantization: 'Q4_K_M' },
];

export async function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeOllamaServer> {
  const models = options.models ?? defaultFakeModels;
  const calls = { chat: 0, tags: 0, show: 0, version: 0, total: 0 };
  const chats: FakeChatCall[] = [];
  const inFlight = { now: 0, max: 0 };
  let chatHandler: ChatHandler = options.chat ?? (() => ({ content: 'Hello from the fake Ollama.' }));
  const hasModel = (name: string): boolean => models.some((model) => model.name === name || model.name === `${name}:latest`);

  const server = createServer((request, response) => {
    calls.total++;
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    if (request.method === 'GET' && path === '/api/version') {
      calls.version++;
      return sendJson(response, 200, { version: options.version ?? '0.12.6' });
    }
    if (request.method === 'GET' && path === '/api/tags') {
      calls.tags++;
      return sendJson(response, 200, { models: models.map(tagEntry) });
    }
    if (request.method === 'POST' && path === '/api/show') {
      calls.show++;
      const body = JSON.parse(await readBody(request)) as { model?: string; name?: string };
      const model = models.find((m) => m.name === (body.model ?? body.name) || m.name === `${body.model ?? body.name}:latest`);
      if (!model) return sendJson(response, 404, { error: `model '${body.model ?? body.name}' not found` });
      return sendJson(response, 200, showEntry(model));
    }
    if (request.method === 'POST' && path === '/api/chat') {
      calls.chat++;
      const raw = await readBody(request);
      let body: OllamaChatBody;
      try {
        body = JSON.parse(raw) as OllamaChatBody;
      } catch {
        return sendJson(response, 400, { error: 'invalid character in request body' });
      }
      const title = isObject(body.format) && typeof body.format.title === 'string' ? body.format.title : undefined;
      const call: FakeChatCall = { body, schemaName: title, index: chats.length, headers: request.headers };
      chats.push(call);
      if (!hasModel(body.model)) {
        return sendJson(response, 404, { error: `model "${body.model}" not found, try pulling it first` });
      }
      const handler = (title && options.bySchema?.[title]) || chatHandler;
      inFlight.now++;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      response.once('close', () => inFlight.now--);
      const reply = drawFault(options.faults) ?? (await handler(call));
      return answerChat(response, body, reply);
    }
    sendJson(response, 404, { error: 'not found' });
  }

  async function answerChat(response: ServerResponse, body: OllamaChatBody, reply: FakeReply): Promise<void> {
    if (isFault(reply)) return injectFault(response, reply, body.stream !== false);
    if (reply.delayMs) await sleep(reply.delayMs);
    const final = finalStats(body, reply);
    if (body.stream === false) {
      return sendJson(response, 200, { ...final, message: { role: 'assistant', content: reply.content } });
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const size = options.chunkSize ?? 8;
    for (let i = 0; i < reply.content.length; i += size) {
      const chunk = {
        model: body.model,
        created_at: createdAt,
        message: { role: 'assistant', content: reply.content.slice(i, i + size) },
        done: false,
      };
      response.write(JSON.stringify(chunk) + '\n');
    }
    response.end(JSON.stringify({ ...final, message: { role: 'assistant', content: '' } }) + '\n');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    calls,
    inFlight,
    chats,
    setChat(handler) {
      chatHandler = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const createdAt = '2025-01-01T00:00:00.000000Z';

function finalStats(body: OllamaChatBody, reply: ModelReply): Record<string, unknown> {
  const prompt = body.messages.map((message) => message.content).join('\n');
  const promptTokens = reply.promptTokens ?? tokensOf(prompt);
  const evalTokens = reply.evalTokens ?? tokensOf(reply.content);
  return {
    model: body.model,
    created_at: createdAt,
    done: true,
    done_reason: reply.doneReason ?? 'stop',
    total_duration: 1_000_000 * (5 + evalTokens),
    load_duration: 1_000_000,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: 1_000_000,
    eval_count: evalTokens,
    eval_duration: 1_000_000 * evalTokens,
  };
}

function injectFault(response: ServerResponse, fault: Fault, stream: boolean): void {
  switch (fault.fault) {
    case 'http-500':
      return sendJson(response, 500, { error: fault.message ?? 'llama runner process has terminated: exit status 2' });
    case 'http':
      return sendJson(response, fault.status, { error: fault.message });
    case 'error-body':
      if (stream) {
        // Ollama reports a failure after the stream started as an `{"error"}` line.
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.write(
          JSON.stringify({ model: 'x', created_at: createdAt, message: { role: 'assistant', content: 'The' }, done: false }) + '\n',
        );
        response.end(JSON.stringify({ error: fault.message ?? 'an error was encountered while running the model' }) + '\n');
        return;
      }
      return sendJson(response, 200, { error: fault.message ?? 'an error was encountered while running the model' });
    case 'hang':
      return; // never answer; close() drops the connection
    case 'invalid-json':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"model": "x", "message": {"content": ');
      return;
    case 'disconnect':
      response.socket?.destroy();
      return;
    case 'stall':
      response.writeHead(200, { 'content-type': stream ? 'application/x-ndjson' : 'application/json' });
      response.write(
        stream
          ? JSON.stringify({ model: 'x', created_at: createdAt, message: { role: 'assistant', content: 'The' }, done: false }) + '\n'
          : '{"model": "x", ',
      );
      return; // never finish; close() drops the connection
  }
}

function tagEntry(model: FakeModel): Record<string, unknown> {
  return {
    name: model.name,
    model: model.name,
    modified_at: '2025-01-01T00:00:00Z',
    size: model.size,
    digest: 'sha256:' + '0'.repeat(64),
    details: {
      parent_model: '',
      format: 'gguf',
      family: model.family,
      families: [model.family],
      parameter_size: model.parameterSize,
      quantization_level: model.quantization,
    },
  };
}

function showEntry(model: FakeModel): Record<string, unknown> {
  return {
    modelfile: `FROM ${model.name}`,
    parameters: 'stop "<|im_end|>"',
    template: '{{ .Prompt }}',
    details: tagEntry(model).details as Record<string, unknown>,
    model_info: { 'general.architecture': model.family, 'general.parameter_count': 7_615_616_512 },
    capabilities: ['completion', 'tools'],
    modified_at: '2025-01-01T00:00:00Z',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
