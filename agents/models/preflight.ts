import { HospitalError, exitCodes } from '../../domain/errors.js';
import { ModelCallError } from './call-error.js';
import { probeOllamaHosts, ollamaDownLine, type OllamaHostProbe } from './probe.js';
import { getJson, isRecord, redact } from './provider.js';
import { isRemoteSpec, parseModelSpec, withoutCredentials, type RemoteModelSpec } from './spec.js';

/** A model a run needs is not there: the run should not start (exit code 3). */
export class ModelUnavailableError extends HospitalError {
  constructor(message: string) {
    super(message, exitCodes.modelUnavailable);
  }
}

export interface PreflightOptions {
  ollamaHosts: readonly string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Before a batch (not a replay): every Ollama host answers and has every Ollama model the run
 * names, and every OpenAI-compatible server answers and lists its model. Fails fast with one
 * message listing what is missing and how to fix it, instead of failing every journey.
 */
export async function preflightModels(specs: Record<string, string>, options: PreflightOptions): Promise<void> {
  const remote = Object.values(specs)
    .map((text) => parseModelSpec(text))
    .filter(isRemoteSpec);
  const problems: string[] = [];
  const ollamaModels = [...new Set(remote.filter((spec) => spec.provider === 'ollama').map((spec) => spec.model))];
  if (ollamaModels.length > 0) {
    const probes = await probeOllamaHosts(options.ollamaHosts, { fetch: options.fetch, timeoutMs: options.timeoutMs });
    problems.push(...ollamaProblems(probes, ollamaModels));
  }
  const openai = uniqueOpenAi(remote);
  for (const spec of openai) {
    const problem = await openaiProblem(spec, options);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new ModelUnavailableError(problems.join('\n'));
}

function ollamaProblems(probes: readonly OllamaHostProbe[], models: readonly string[]): string[] {
  const problems: string[] = [];
  if (probes.some((probe) => !probe.reachable)) problems.push(ollamaDownLine(probes));
  for (const probe of probes.filter((p) => p.reachable)) {
    if (probe.error) {
      problems.push(`${probe.host}: ${probe.error}`);
      continue;
    }
    const installed = new Set(probe.models.map((model) => model.name));
    for (const model of models) {
      if (!installed.has(model) && !installed.has(`${model}:latest`)) {
        problems.push(`${probe.host} does not have ${model}: run \`ollama pull ${model}\` there`);
      }
    }
  }
  return problems;
}

function uniqueOpenAi(specs: readonly RemoteModelSpec[]): Extract<RemoteModelSpec, { provider: 'openai' }>[] {
  const seen = new Set<string>();
  const unique: Extract<RemoteModelSpec, { provider: 'openai' }>[] = [];
  for (const spec of specs) {
    if (spec.provider !== 'openai') continue;
    const key = `${spec.baseUrl}#${spec.model}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(spec);
  }
  return unique;
}

/** GET <base>/models; a server without that route (404) is given the benefit of the doubt. */
async function openaiProblem(
  spec: Extract<RemoteModelSpec, { provider: 'openai' }>,
  options: PreflightOptions,
): Promise<string | undefined> {
  const where = `OpenAI-compatible server at ${withoutCredentials(spec.baseUrl)}`;
  const apiKey = (options.env ?? process.env).OPENAI_API_KEY;
  try {
    const body = await getJson(
      `${spec.baseUrl}/models`,
      { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 5000, apiKey },
      where,
    );
    const ids =
      isRecord(body) && Array.isArray(body.data)
        ? body.data.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.id === 'string' ? [entry.id] : []))
        : [];
    if (ids.length > 0 && !ids.includes(spec.model))
      return `${where} does not serve ${spec.model} (it serves ${ids.slice(0, 5).join(', ')})`;
    return undefined;
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    if (error.kind === 'http' && error.status === 404) return undefined;
    const hint = error.kind === 'http' && error.status === 401 ? ' (check OPENAI_API_KEY)' : '';
    return redact(`${error.message}${hint}`, apiKey);
  }
}
