import { PlacewiseError } from "../errors.ts";

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller hears `rate_limited` at once. */
  readonly maxRetryAfterMs: number;
}

/**
 * How long to wait before attempt `attempt + 1`, or null when the error must not be retried.
 * Only transient failures are retried (429, 5xx, network errors, one attempt's timeout); any other
 * 4xx means our request is wrong and would fail the same way again.
 * 429 waits what Retry-After says (plus up to 100 ms so parallel queries do not return in one
 * burst); the rest use capped exponential backoff with full jitter: random(0, min(cap, base * 2^n)).
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!(error instanceof PlacewiseError) || !error.transient) return null;
  if (attempt >= policy.maxAttempts) return null;
  if (error.code === "rate_limited" && error.details.retryAfterSeconds !== undefined) {
    const ms = error.details.retryAfterSeconds * 1000;
    return ms > policy.maxRetryAfterMs ? null : ms + Math.floor(random() * 100);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal: AbortSignal;
  readonly now: () => number;
  /** Epoch ms (on `now`'s clock) after which no new wait is started. */
  readonly deadlineAt: () => number;
  readonly onRetry?: (error: PlacewiseError, delayMs: number) => void;
}

/** Adds how many attempts were made, so "503 after 4 attempts" reads as what happened. */
function final(error: unknown, attempts: number): unknown {
  if (!(error instanceof PlacewiseError) || attempts < 2) return error;
  return new PlacewiseError(error.code, `${error.message} (gave up after ${attempts} attempts)`, {
    ...error.details,
    cause: error.details.cause ?? error,
  });
}

/** Runs `attempt` until it succeeds, fails for good, or the next wait would pass the deadline. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const delay = retryDelayMs(e, n, ctx.policy, ctx.random);
      // Starting a wait that ends after the deadline only turns a clear error into a vague timeout.
      if (delay === null || ctx.now() + delay > ctx.deadlineAt()) throw final(e, n);
      ctx.onRetry?.(e as PlacewiseError, delay);
      await ctx.sleep(delay, ctx.signal);
    }
  }
}
