import { ModelCallError } from './call-error.js';
import { getJson, isRecord } from './provider.js';

/** What `hospital models` reports for one Ollama host. */
export interface OllamaHostProbe {
  host: string;
  reachable: boolean;
  version?: string;
  models: InstalledModel[];
  /** Why the host could not be used (unreachable, timeout, HTTP error). */
  error?: string;
}

export interface InstalledModel {
  name: string;
  /** Bytes on disk. */
  size: number;
  parameterSize?: string;
  quantization?: string;
  family?: string;
  modifiedAt?: string;
}

export interface ProbeOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const suggestedModel = 'qwen2.5:7b-instruct';

/** Ask each host for its version (/api/version) and installed models (/api/tags), in parallel. */
export function probeOllamaHosts(hosts: readonly string[], options: ProbeOptions = {}): Promise<OllamaHostProbe[]> {
  return Promise.all(hosts.map((host) => probeOllamaHost(host, options)));
}

export async function probeOllamaHost(host: string, options: ProbeOptions = {}): Promise<OllamaHostProbe> {
  const deps = { fetch: options.fetch ?? globalThis.fetch, timeoutMs: options.timeoutMs ?? 5000 };
  const where = `Ollama at ${host}`;
  try {
    const [versionBody, tagsBody] = await Promise.all([
      getJson(`${host}/api/version`, deps, where),
      getJson(`${host}/api/tags`, deps, where),
    ]);
    const version = isRecord(versionBody) && typeof versionBody.version === 'string' ? versionBody.version : undefined;
    return { host, reachable: true, version, models: installedModels(tagsBody) };
  } catch (error) {
    if (!(error instanceof ModelCallError)) throw error;
    const reachable = error.kind === 'http' || error.kind === 'protocol' || error.kind === 'server-error';
    return { host, reachable, models: [], error: error.message };
  }
}

function installedModels(body: unknown): InstalledModel[] {
  if (!isRecord(body) || !Array.isArray(body.models)) return [];
  const models: InstalledModel[] = [];
  for (const entry of body.models as unknown[]) {
    if (!isRecord(entry)) continue;
    const name = typeof entry.name === 'string' ? entry.name : typeof entry.model === 'string' ? entry.model : undefined;
    if (!name) continue;
    const details = isRecord(entry.details) ? entry.details : {};
    models.push({
      name,
      size: typeof entry.size === 'number' ? entry.size : 0,
      parameterSize: stringOf(details.parameter_size),
      quantization: stringOf(details.quantization_level),
      family: stringOf(details.family),
      modifiedAt: stringOf(entry.modified_at),
    });
  }
  return models.sort((a, b) => a.name.localeCompare(b.name));
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The one line printed when no server answered: where we looked and how to start one. */
export function ollamaDownLine(probes: readonly OllamaHostProbe[]): string {
  const down = probes.filter((probe) => !probe.reachable).map((probe) => probe.host);
  return (
    `Ollama is not reachable at ${down.join(', ')}: start it with \`ollama serve\` and get a model with ` +
    `\`ollama pull ${suggestedModel}\` (or point --ollama-host / OLLAMA_HOST at a running server).`
  );
}

/** Human-readable report, one block per reachable host and one line for the unreachable ones. */
export function formatProbeReport(probes: readonly OllamaHostProbe[]): string[] {
  const lines: string[] = [];
  for (const probe of probes.filter((p) => p.reachable)) {
    const version = probe.version ? `Ollama ${probe.version}` : 'Ollama';
    if (probe.error) {
      lines.push(`${probe.host}: ${version}, but ${probe.error}`);
      continue;
    }
    lines.push(`${probe.host}: ${version}, ${probe.models.length} model${probe.models.length === 1 ? '' : 's'} installed`);
    if (probe.models.length === 0) lines.push(`  none yet: \`ollama pull ${suggestedModel}\``);
    const width = Math.max(0, ...probe.models.map((model) => model.name.length));
    for (const model of probe.models) {
      const facts = [formatBytes(model.size), model.parameterSize, model.quantization].filter(Boolean).join('  ');
      lines.push(`  ollama:${model.name.padEnd(width)}  ${facts}`);
    }
  }
  if (probes.some((probe) => !probe.reachable)) lines.push(ollamaDownLine(probes));
  return lines;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${bytes} B`;
}
