import type { Clock } from "../../util/clock.ts";
import { PlacewiseError } from "../errors.ts";

/** Rate-limit headers of one answer (`ratelimit-remaining` may be negative). */
export interface RateLimitHeaders {
  readonly remaining: number;
  readonly cost: number;
}

export function readRateLimit(
  headers: Readonly<Record<string, string | undefined>>,
): RateLimitHeaders | null {
  const remaining = Number(headers["ratelimit-remaining"]);
  const cost = Number(headers["ratelimit-cost"]);
  if (headers["ratelimit-remaining"] === undefined || !Number.isFinite(remaining)) return null;
  return { remaining, cost: Number.isFinite(cost) && cost > 0 ? cost : 0 };
}

/**
 * Who is waiting for a request. "scheduled": digests and alerts that run on their own, which people
 * rely on arriving; "interactive": a person's command, who can be told to try again.
 */
export type Priority = "scheduled" | "interactive";

/**
 * Share of a club's token bucket that interactive requests leave for scheduled ones. The bucket is
 * per customer (club), shared by every command, digest and alert of that club. Interactive requests
 * spend only down to this reserve, and scheduled requests do not queue behind them, so a flood of
 * `/offers report` cannot make a scheduled digest or an alert wait past its deadline: a third of
 * even a small bucket (30 tokens) holds three scheduled requests at once, and refill does the rest.
 * Never more than the capacity less one request, so interactive work is slowed, not stopped.
 */
export const SCHEDULED_RESERVE_SHARE = 1 / 3;

interface Bucket {
  /** Tokens left after the last answer, and when (clock ms) we saw it; null before any answer. */
  remaining: number | null;
  at: number;
  /** Lower bound of the capacity: refill never fills past it. */
  capacity: number;
  /** Tokens per second; starts at the configured guess, lowered by 429s, raised by answers. */
  refill: number;
  /** The last level the API reported (not our estimate after a wait), for learning the refill. */
  seen: { remaining: number; at: number } | null;
  /** Requests sent since `seen`; the refill can be read off an answer only when it is the one. */
  sentSinceSeen: number;
  /** Cost of requests sent but not answered yet. */
  reserved: number;
  inFlight: number;
  /** Requests let through so far, of either priority. */
  grants: number;
  /**
   * Serialises acquisitions so parallel requests do not all spend the same predicted tokens; one
   * line per priority, so a scheduled request never waits behind a queue of interactive ones.
   */
  turn: Record<Priority, Promise<void>>;
  /** Resolves at the next answer; requests wait on it while nobody knows the bucket's level. */
  answered: { promise: Promise<void>; resolve: () => void };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Paces requests per customer so the token bucket is not run dry: the API refills it every second,
 * and a 429 costs a round trip plus the whole Retry-After, while waiting just long enough costs
 * only the missing tokens' refill time.
 */
export class RateLimitPacer {
  private readonly buckets = new Map<string, Bucket>();
  waits = 0;
  waitedMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
    private readonly initialRefillPerSecond: number,
  ) {}

  private bucket(customer: string): Bucket {
    let b = this.buckets.get(customer);
    if (!b) {
      b = {
        remaining: null,
        at: 0,
        capacity: 0,
        refill: this.initialRefillPerSecond,
        reserved: 0,
        inFlight: 0,
        grants: 0,
        seen: null,
        sentSinceSeen: 0,
        turn: { scheduled: Promise.resolve(), interactive: Promise.resolve() },
        answered: deferred(),
      };
      this.buckets.set(customer, b);
    }
    return b;
  }

  /** Tokens we expect the bucket to hold now, minus what requests in flight will take. */
  predicted(customer: string): number | null {
    const b = this.bucket(customer);
    if (b.remaining === null) return null;
    const refilled = b.remaining + (b.refill * Math.max(0, this.clock.now() - b.at)) / 1000;
    return Math.min(Math.max(b.capacity, b.remaining), refilled) - b.reserved;
  }

  /**
   * Waits until a request costing `cost` should find enough tokens, then reserves them.
   * Returns the function to call once the request is over: with the answer's headers when there
   * was an answer (its `remaining` already counts this request, so the reservation ends at the same
   * moment), or with nothing when it failed.
   */
  async acquire(
    customer: string,
    cost: number,
    signal: AbortSignal,
    deadlineAt: number,
    priority: Priority = "scheduled",
  ): Promise<(answer?: RateLimitHeaders, retryAfterSeconds?: number) => void> {
    const b = this.bucket(customer);
    const previous = b.turn[priority];
    let done = () => {};
    b.turn[priority] = new Promise<void>((r) => {
      done = r;
    });
    try {
      await previous;
      for (;;) {
        // The first request learns the level; the rest wait for its answer instead of guessing.
        if (b.remaining === null && b.inFlight > 0) {
          await raceAbort(b.answered.promise, signal);
          continue;
        }
        const have = this.predicted(customer);
        // What must be there: the cost, plus the reserve when a person's command asks.
        const need = cost + this.reserve(b, cost, priority);
        if (have === null || have >= need) break;
        // Refill stops at the capacity: when requests in flight already hold most of it, only
        // their answers can tell when there is room again, however long we sleep.
        if (b.inFlight > 0 && b.reserved + need > b.capacity) {
          await raceAbort(b.answered.promise, signal);
          continue;
        }
        const waitMs = Math.ceil(((need - have) / b.refill) * 1000);
        if (this.clock.now() + waitMs > deadlineAt) {
          throw new PlacewiseError(
            "rate_limited",
            `Placewise's rate limit for this club needs ${Math.ceil(waitMs / 1000)} s to refill, more than this query may wait. Try again in a minute.`,
            { retryAfterSeconds: Math.ceil(waitMs / 1000) },
          );
        }
        this.waits++;
        this.waitedMs += waitMs;
        const grantsBefore = b.grants;
        await this.sleep(waitMs, signal);
        // The other priority's line spent tokens meanwhile: the wait no longer covers this request.
        if (b.grants !== grantsBefore) continue;
        // Count the wait as refilled even if the clock did not move (a fixed test clock).
        b.remaining = need + b.reserved;
        b.at = this.clock.now();
        break;
      }
      b.reserved += cost;
      b.grants++;
      b.inFlight++;
      b.sentSinceSeen++;
    } finally {
      done();
    }
    let released = false;
    return (answer, retryAfterSeconds) => {
      if (released) return;
      released = true;
      b.reserved = Math.max(0, b.reserved - cost);
      b.inFlight--;
      if (answer) this.observe(b, answer, retryAfterSeconds);
      else this.wake(b);
    };
  }

  /** Tokens an interactive request must leave in the bucket; none for scheduled work. */
  private reserve(b: Bucket, cost: number, priority: Priority): number {
    if (priority === "scheduled") return 0;
    return Math.max(0, Math.min(b.capacity * SCHEDULED_RESERVE_SHARE, b.capacity - cost));
  }

  /** Records an answer's headers. A 429 also teaches the refill rate from its Retry-After. */
  private observe(b: Bucket, rl: RateLimitHeaders, retryAfterSeconds?: number): void {
    const now = this.clock.now();
    this.learnRefill(b, rl, now);
    b.remaining = rl.remaining;
    b.at = now;
    b.seen = { remaining: rl.remaining, at: now };
    b.sentSinceSeen = 0;
    b.capacity = Math.max(b.capacity, rl.remaining + rl.cost);
    if (retryAfterSeconds !== undefined && retryAfterSeconds > 0 && rl.cost > rl.remaining) {
      b.refill = Math.min(b.refill, (rl.cost - rl.remaining) / retryAfterSeconds);
    }
    this.wake(b);
  }

  /**
   * Raises the refill estimate when one lone request shows more tokens came back than assumed:
   * level after = level before + refill * seconds - cost. The API rounds levels down to whole
   * tokens, so one token is taken off and only spans of a second or more count: the estimate
   * stays at or under the true rate. (A bucket that filled up shows less than it refilled,
   * which errs on the same safe side.)
   */
  private learnRefill(b: Bucket, rl: RateLimitHeaders, now: number): void {
    if (b.seen === null || b.sentSinceSeen !== 1 || b.inFlight !== 0) return;
    const seconds = (now - b.seen.at) / 1000;
    const gained = rl.remaining + rl.cost - b.seen.remaining - 1;
    if (seconds >= 1 && gained / seconds > b.refill) b.refill = gained / seconds;
  }

  private wake(b: Bucket): void {
    b.answered.resolve();
    b.answered = deferred();
  }
}

function raceAbort(p: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}
