import { classifySlackError, DeliveryError } from "./errors.ts";
import type { Gated } from "./limiter.ts";

export interface RetryPolicy {
  sleep: (ms: number) => Promise<void>;
  /** How many 429s are waited out (Retry-After) before giving up. */
  max429Waits: number;
  /** How many times a transient failure (5xx, timeout, network) is tried again. */
  maxTransientRetries: number;
  /** 0..1, for jitter; injectable so tests are exact. */
  random: () => number;
}

/** A Retry-After beyond this is not waited for here; the caller's job queue can try again later. */
const MAX_RETRY_AFTER_S = 60;

export interface RetryOptions<T> {
  channel?: string;
  /** Whether a transient failure may be retried (false for a call that must not run twice). */
  retryTransient: boolean;
  /**
   * Called before retrying after a failure that may have taken effect (5xx, timeout): a value means
   * it did, and is returned instead of calling again.
   */
  checkAfterAmbiguous?: () => Promise<T | undefined>;
  /**
   * The rate gate of this call (its method, or its channel for a post): a slot is taken before each
   * try, and a 429 holds only this key, so other methods and channels keep going.
   */
  gate?: Gated;
}

/** Calls `fn` until it succeeds or fails in a way that waiting cannot fix; throws a DeliveryError. */
export async function withRetries<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  opts: RetryOptions<T>,
): Promise<T> {
  const where = opts.channel === undefined ? {} : { channel: opts.channel };
  let waits429 = 0;
  let retries = 0;
  for (;;) {
    try {
      await opts.gate?.wait();
      return await fn();
    } catch (e) {
      const c = classifySlackError(e, where);
      if (c.code === "ratelimited") {
        // A 429 is answered before Slack does anything, so the same call is safe to send again.
        const after = c.retryAfterSeconds ?? 1;
        if (waits429 >= policy.max429Waits || after > MAX_RETRY_AFTER_S) throw DeliveryError.from(e, where);
        waits429 += 1;
        // With a gate, the next wait() sits out Retry-After, and every other caller of the key too.
        if (opts.gate === undefined) await policy.sleep(after * 1000);
        else await opts.gate.hold(after);
        continue;
      }
      if (c.kind === "permanent" || !opts.retryTransient || retries >= policy.maxTransientRetries) {
        throw DeliveryError.from(e, where);
      }
      // Capped exponential backoff with jitter: 1 s, 2 s, 4 s ... at most 8 s, each times 0.5..1.
      await policy.sleep(Math.min(1000 * 2 ** retries, 8000) * (0.5 + policy.random() / 2));
      retries += 1;
      if (opts.checkAfterAmbiguous !== undefined) {
        const found = await opts.checkAfterAmbiguous();
        if (found !== undefined) return found;
      }
    }
  }
}
