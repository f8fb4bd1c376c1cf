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
 * An OpenAI-compatible chat completions endpoint (vLLM, llama.cpp server, LM Studio, OpenAI):
 * POST <base>/chat/completions, structured output through `response_format: json_schema`.
 */
export async function openaiChat(baseUrl: string, request: ProviderRequest, deps: ProviderDeps): Promise<ProviderReply> {
  const where = `OpenAI-compatible server at ${baseUrl}`;
  const body: Record<string, unknown> = { model: request.model, messages: request.messages, stream: false };
  if (request.options.temperature !== undefined) body.temperature = request.options.temperature;
  if (request.options.seed !== undefined) body.seed = request.options.seed;
  if (request.options.maxTokens !== undefined) body.max_tokens = request.options.maxTokens;
  if (request.jsonSchema) {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: request.schemaName ?? 'reply', schema: request.jsonSchema, strict: false },
    };
  }
  return postJson(`${baseUrl}/chat/completions`, body, deps, where, async (response) => {
    const parsed = parseJsonBody(await response.text(), where);
    if (!isRecord(parsed)) throw new ModelCallError('protocol', `${where} sent JSON that is not an object`);
    const error = errorMessageOf(parsed);
    if (error !== undefined) throw new ModelCallError('server-error', `${where} reported an error: ${error.slice(0, 200)}`);
    const choice = Array.isArray(parsed.choices) ? (parsed.choices[0] as unknown) : undefined;
    const message = isRecord(choice) ? choice.message : undefined;
    if (!isRecord(message)) throw new ModelCallError('protocol', `${where} sent no choices[0].message`);
    const usage = isRecord(parsed.usage) ? parsed.usage : {};
    return {
      text: typeof message.content === 'string' ? message.content : '',
      inTokens: countOf(usage.prompt_tokens),
      outTokens: countOf(usage.completion_tokens),
      truncated: isRecord(choice) && choice.finish_reason === 'length',
    };
  });
}
