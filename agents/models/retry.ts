import type { Rng } from '../../domain/random.js';
import { ModelCallError } from './call-error.js';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 20_000 };

/**
 * The one retry layer for model calls. Retries only errors typed as transient
 * (`ModelCallError.retryable`); waits grow exponentially with "equal jitter" (half fixed, half
 * drawn from the seeded generator) so parallel journeys do not retry in lockstep.
 */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  rng: Rng,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const transient = error instanceof ModelCallError && error.retryable;
      if (!transient || attempt >= policy.attempts) throw error;
      await sleep(backoffDelay(attempt, policy, rng));
    }
  }
}

export function backoffDelay(attempt: number, policy: RetryPolicy, rng: Rng): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + rng.next() * (ceiling / 2));
}
