import pLimit, { type LimitFunction } from 'p-limit';
import { InputError } from '../../domain/errors.js';
import { withoutCredentials } from './spec.js';

export const defaultOllamaHost = 'http://127.0.0.1:11434';

/**
 * The Ollama servers to use: `--ollama-host` (a comma-separated list) if given, else
 * OLLAMA_HOST, else http://127.0.0.1:11434. Each entry is read the way the Ollama CLI reads
 * OLLAMA_HOST (`host`, `host:port`, `scheme://host[:port][/path]`), and duplicates are dropped.
 */
export function resolveOllamaHosts(flag?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const [where, text] =
    flag !== undefined && flag.trim() !== ''
      ? ['--ollama-host', flag]
      : env.OLLAMA_HOST !== undefined && env.OLLAMA_HOST.trim() !== ''
        ? ['OLLAMA_HOST', env.OLLAMA_HOST]
        : [undefined, undefined];
  if (where === undefined || text === undefined) return [defaultOllamaHost];
  const hosts = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => parseOllamaHost(entry, where));
  return [...new Set(hosts)];
}

/**
 * One host entry as the Ollama CLI reads it: no scheme means http with port 11434; an explicit
 * http:// or https:// without a port means 80 or 443; no host means 127.0.0.1.
 */
export function parseOllamaHost(entry: string, where = 'OLLAMA_HOST'): string {
  const expected = 'host[:port] or http(s)://host[:port], comma-separated';
  const text = entry.trim();
  const schemeEnd = text.indexOf('://');
  let scheme = 'http';
  let defaultPort = '11434';
  let rest = text;
  if (schemeEnd >= 0) {
    scheme = text.slice(0, schemeEnd).toLowerCase();
    rest = text.slice(schemeEnd + 3);
    if (scheme === 'http') defaultPort = '80';
    else if (scheme === 'https') defaultPort = '443';
    else throw new InputError(where, `host "${withoutCredentials(text)}"`, expected);
  }
  const slash = rest.indexOf('/');
  const hostPort = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash).replace(/\/+$/, '');
  let host = hostPort;
  let port = defaultPort;
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(hostPort);
  if (bracketed) {
    host = `[${bracketed[1]}]`;
    if (bracketed[2]) port = bracketed[2];
  } else if ((hostPort.match(/:/g) ?? []).length === 1) {
    const colon = hostPort.indexOf(':');
    host = hostPort.slice(0, colon);
    port = hostPort.slice(colon + 1) || defaultPort;
  } else if (hostPort.includes(':')) {
    host = `[${hostPort}]`; // a bare IPv6 address
  }
  if (host === '') host = '127.0.0.1';
  const portNumber = Number(port);
  if (!/^\d+$/.test(port) || portNumber > 65535) {
    throw new InputError(where, `port of "${withoutCredentials(text)}"`, 'a number from 0 to 65535');
  }
  let url: URL;
  try {
    url = new URL(`${scheme}://${host}:${portNumber}${path}`);
  } catch {
    throw new InputError(where, `host "${withoutCredentials(text)}"`, expected);
  }
  if (url.username || url.password) {
    throw new InputError(where, `host "${withoutCredentials(text)}"`, 'a host without credentials');
  }
  // URL drops default ports (80/443); keep the string explicit and without a trailing slash.
  return `${url.protocol}//${url.hostname}:${url.port || portNumber}${url.pathname.replace(/\/+$/, '')}`;
}

export interface Endpoint {
  url: string;
  /** Calls running or queued on this endpoint. */
  readonly busy: number;
}

/**
 * Several endpoints serving the same models, each with its own concurrency limit. A call goes to
 * the least busy endpoint (running plus queued calls); ties go to the first listed, so a single
 * caller always uses the same one.
 */
export class EndpointPool {
  private readonly endpoints: { url: string; limit: LimitFunction }[];

  constructor(urls: readonly string[], concurrencyPerEndpoint = 4) {
    if (urls.length === 0) throw new Error('EndpointPool: no endpoints');
    if (!Number.isInteger(concurrencyPerEndpoint) || concurrencyPerEndpoint < 1) {
      throw new Error('EndpointPool: concurrency must be a positive integer');
    }
    this.endpoints = urls.map((url) => ({ url, limit: pLimit(concurrencyPerEndpoint) }));
  }

  get urls(): string[] {
    return this.endpoints.map((endpoint) => endpoint.url);
  }

  /** Busy count per endpoint, in listed order (for tests and progress displays). */
  load(): Endpoint[] {
    return this.endpoints.map((endpoint) => ({
      url: endpoint.url,
      busy: endpoint.limit.activeCount + endpoint.limit.pendingCount,
    }));
  }

  /**
   * Run `call` on the least busy endpoint, waiting for a free slot there. Endpoints in `avoid`
   * (those that just failed this call) are skipped unless every endpoint is in it.
   */
  run<T>(call: (url: string) => Promise<T>, avoid: ReadonlySet<string> = new Set()): Promise<T> {
    const candidates = this.endpoints.filter((endpoint) => !avoid.has(endpoint.url));
    let chosen = candidates[0] ?? this.endpoints[0];
    let least = Number.POSITIVE_INFINITY;
    for (const endpoint of candidates.length ? candidates : this.endpoints) {
      const busy = endpoint.limit.activeCount + endpoint.limit.pendingCount;
      if (busy < least) {
        least = busy;
        chosen = endpoint;
      }
    }
    return chosen.limit(() => call(chosen.url));
  }
}
