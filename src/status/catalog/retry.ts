/** Bounded retry with exponential backoff; the sleep is injected so tests never wait. */

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: Sleep;
  readonly isRetryable: (error: unknown) => boolean;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 16_000 } as const;

/** Delay before retry n (1-based): base * 2^(n-1), capped. */
export function backoffDelay(retry: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
}

export class RetriesExhausted extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`gave up after ${attempts} attempts`);
    this.name = "RetriesExhausted";
  }
}

export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!policy.isRetryable(error)) throw error;
      if (attempt >= policy.attempts) throw new RetriesExhausted(attempt, error);
      const delay = backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs);
      policy.onRetry?.(error, attempt, delay);
      await policy.sleep(delay);
    }
  }
}
