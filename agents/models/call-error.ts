/**
 * What went wrong with one HTTP call to a model server. Whether it is worth retrying is decided
 * here, by kind and status, never by reading the message text.
 */
export type ModelCallErrorKind =
  /** The connection failed or dropped (refused, reset, truncated stream). */
  | 'connection'
  /** No complete answer within the model timeout. */
  | 'timeout'
  /** A non-2xx HTTP status. */
  | 'http'
  /** HTTP 200 whose body (or a stream line) is `{"error": ...}`. */
  | 'server-error'
  /** A body that is not the protocol's JSON (not the model's output: the envelope). */
  | 'protocol';

export class ModelCallError extends Error {
  constructor(
    readonly kind: ModelCallErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelCallError';
  }

  /** Connection errors, timeouts, HTTP 5xx and HTTP-200 error bodies are transient. */
  get retryable(): boolean {
    switch (this.kind) {
      case 'connection':
      case 'timeout':
      case 'server-error':
        return true;
      case 'http':
        return this.status !== undefined && this.status >= 500;
      case 'protocol':
        return false;
    }
  }
}

/**
 * Turn whatever `fetch` or reading its body threw into a typed error. A timeout is recognised by
 * the abort reason of our own timeout signal; anything else fetch throws is a network failure.
 */
export function classifyFetchFailure(error: unknown, signal: AbortSignal, timeoutMs: number, where: string): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (signal.aborted) {
    return new ModelCallError('timeout', `no answer from ${where} within ${formatSeconds(timeoutMs)}`);
  }
  const code = errorCode(error);
  return new ModelCallError('connection', `cannot reach ${where}${code ? ` (${code})` : ''}`);
}

/** The system error code (ECONNREFUSED, ECONNRESET …) fetch keeps on `cause`, if any. */
function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
