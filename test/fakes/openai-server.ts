import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drawFault, isFault, readBody, sendJson, sleep, tokensOf, type FakeReply, type Fault, type FaultRates } from './fault-plan.js';

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat completions API as vLLM or
 * llama.cpp server do: POST /v1/chat/completions (non-streaming, `usage` with prompt and
 * completion tokens, `response_format: json_schema`), GET /v1/models, and `{"error": {...}}`
 * bodies. With `apiKey` set it answers 401 to a request without that bearer token.
 */
export interface OpenAiChatBody {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  seed?: number;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
}

export interface FakeOpenAiCall {
  body: OpenAiChatBody;
  schemaName?: string;
  index: number;
  authorization?: string;
}

export type OpenAiChatHandler = (call: FakeOpenAiCall) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAiOptions {
  chat?: OpenAiChatHandler;
  bySchema?: Record<string, OpenAiChatHandler>;
  models?: string[];
  apiKey?: string;
  faults?: FaultRates;
}

export interface FakeOpenAiServer {
  /** Base URL including /v1, as a spec takes it. */
  baseUrl: string;
  calls: { chat: number; models: number; total: number };
  chats: FakeOpenAiCall[];
  setChat(handler: OpenAiChatHandler): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
  const models = options.models ?? ['llama-3.1-8b'];
  const calls = { chat: 0, models: 0, total: 0 };
  const chats: FakeOpenAiCall[] = [];
  let chatHandler: OpenAiChatHandler = options.chat ?? (() => ({ content: 'Hello from the fake server.' }));

  const server = createServer((request, response) => {
    calls.total++;
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const authorization = request.headers.authorization;
    if (options.apiKey && authorization !== `Bearer ${options.apiKey}`) {
      await readBody(request);
      return sendJson(response, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      });
    }
    if (request.method === 'GET' && path === '/v1/models') {
      calls.models++;
      return sendJson(response, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    }
    if (request.method === 'POST' && path === '/v1/chat/completions') {
      calls.chat++;
      const body = JSON.parse(await readBody(request)) as OpenAiChatBody;
      const schemaName = body.response_format?.json_schema?.name;
      const call: FakeOpenAiCall = { body, schemaName, index: chats.length, authorization };
      chats.push(call);
      if (!models.includes(body.model)) {
        return sendJson(response, 404, {
          error: { message: `The model \`${body.model}\` does not exist.`, type: 'NotFoundError', code: 404 },
        });
      }
      const handler = (schemaName && options.bySchema?.[schemaName]) || chatHandler;
      const reply = drawFault(options.faults) ?? (await handler(call));
      if (isFault(reply)) return injectFault(response, reply);
      if (reply.delayMs) await sleep(reply.delayMs);
      const promptTokens = reply.promptTokens ?? tokensOf(body.messages.map((m) => m.content).join('\n'));
      const completionTokens = reply.evalTokens ?? tokensOf(reply.content);
      return sendJson(response, 200, {
        id: `chatcmpl-${call.index}`,
        object: 'chat.completion',
        created: 1_735_689_600,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: reply.doneReason ?? 'stop' }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      });
    }
    sendJson(response, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
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

function injectFault(response: ServerResponse, fault: Fault): void {
  switch (fault.fault) {
    case 'http-500':
      return sendJson(response, 500, { error: { message: fault.message ?? 'internal server error', type: 'InternalServerError' } });
    case 'http':
      return sendJson(response, fault.status, { error: { message: fault.message, type: 'invalid_request_error' } });
    case 'error-body':
      return sendJson(response, 200, { error: { message: fault.message ?? 'engine error', type: 'EngineError' } });
    case 'hang':
      return;
    case 'invalid-json':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "chatcmpl-x", "choices": [');
      return;
    case 'disconnect':
      response.socket?.destroy();
      return;
    case 'stall':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id": "chatcmpl-x", ');
      return;
  }
}
