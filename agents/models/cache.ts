import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * The model-call cache and record/replay store. A row holds one successful model answer (errors
 * are never stored), keyed on a canonical hash of everything that determines the answer.
 */
export type CacheMode = 'read-write' | 'off' | 'replay';
export const cacheModes: readonly CacheMode[] = ['read-write', 'off', 'replay'];

export interface CachedResponse {
  text: string;
  inTokens: number;
  outTokens: number;
}

export interface ModelCache {
  get(key: string): CachedResponse | undefined;
  put(key: string, model: string, response: CachedResponse, options?: { overwrite?: boolean }): void;
}

/** What a cache key is computed from. No credentials: the API key is never part of it. */
export interface CacheKeyParts {
  provider: 'ollama' | 'openai';
  model: string;
  /** OpenAI-compatible base URL without credentials; null for Ollama, whose hosts are interchangeable. */
  baseUrl: string | null;
  messages: readonly { role: string; content: string }[];
  schema: unknown;
  options: unknown;
  sample: number;
}

export function modelCacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : sortKeys(item)));
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) sorted[key] = sortKeys(member);
    }
    return sorted;
  }
  return value;
}

/** The cache over the records database's `model_cache` table (created by its migrations). */
export class SqliteModelCache implements ModelCache {
  private readonly select: Database.Statement<[string], { response: string }>;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly replace: Database.Statement<[string, string, string, string]>;

  constructor(
    db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.select = db.prepare('SELECT response FROM model_cache WHERE key = ?');
    // The first answer recorded for a key wins: a replay must see what the original run saw.
    this.insert = db.prepare('INSERT OR IGNORE INTO model_cache (key, model, response, created_at) VALUES (?, ?, ?, ?)');
    this.replace = db.prepare('INSERT OR REPLACE INTO model_cache (key, model, response, created_at) VALUES (?, ?, ?, ?)');
  }

  get(key: string): CachedResponse | undefined {
    const row = this.select.get(key);
    if (!row) return undefined;
    try {
      const parsed = JSON.parse(row.response) as Partial<CachedResponse>;
      if (typeof parsed.text !== 'string') return undefined;
      return { text: parsed.text, inTokens: Number(parsed.inTokens) || 0, outTokens: Number(parsed.outTokens) || 0 };
    } catch {
      return undefined;
    }
  }

  put(key: string, model: string, response: CachedResponse, options: { overwrite?: boolean } = {}): void {
    const row = { text: response.text, inTokens: response.inTokens, outTokens: response.outTokens };
    (options.overwrite ? this.replace : this.insert).run(key, model, JSON.stringify(row), this.now().toISOString());
  }
}
