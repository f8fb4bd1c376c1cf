import type { ModelRuntime } from '../agents/index.js';
import type { HospitalDatabase } from './records/database.js';

/** How model-backed roles reach their servers; assembled from the CLI flags of a run. */
export interface ModelRuntimeOptions {
  /** `--ollama-host`: one host or a comma-separated list; default OLLAMA_HOST, else 127.0.0.1:11434. */
  ollamaHost?: string;
  /** `--model-timeout` in seconds. */
  modelTimeoutSeconds?: number;
  /** `read-write` (default), `off` (--no-cache) or `replay` (--replay: cache only, no network). */
  cache: 'read-write' | 'off' | 'replay';
  /** The run's records file, which holds the model-call cache. */
  db: HospitalDatabase;
}

/** Model-backed roles for a run. Wired to agents/models and agents/llm. */
export function createModelRuntime(_options: ModelRuntimeOptions): ModelRuntime {
  throw new Error('model-backed roles are not wired yet');
}
