/**
 * The Reporting token bucket, one per customer. A request is let through while the bucket holds any
 * token and then pays its whole cost, so `remaining` can go negative, as the API documents.
 */
import type { Clock } from "../../util/clock.ts";

export interface RateLimitSettings {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Tokens left after this request (whole tokens, may be negative). */
  readonly remaining: number;
  readonly cost: number;
  /** Seconds until a request would be let through again; only when not allowed. */
  readonly retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: Clock,
  ) {}

  take(key: string, cost: number): RateDecision {
    const now = this.clock.now();
    const { capacity, refillPerSecond } = this.settings;
    const prev = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const tokens = Math.min(capacity, prev.tokens + (Math.max(0, now - prev.at) / 1000) * refillPerSecond);
    if (tokens <= 0) {
      this.buckets.set(key, { tokens, at: now });
      // Let through once strictly above zero: floor + 1 seconds of refill.
      const retryAfterSeconds = Math.floor(-tokens / refillPerSecond) + 1;
      return { allowed: false, remaining: Math.floor(tokens), cost, retryAfterSeconds };
    }
    const left = tokens - cost;
    this.buckets.set(key, { tokens: left, at: now });
    return { allowed: true, remaining: Math.floor(left), cost, retryAfterSeconds: 0 };
  }

  reset(): void {
    this.buckets.clear();
  }
}
