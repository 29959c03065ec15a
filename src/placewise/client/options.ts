import { readFileSync } from "node:fs";
import { type Clock, systemClock } from "../../util/clock.ts";
import { MAX_DATA_POINTS } from "../fields.ts";

export interface PlacewiseClientOptions {
  /** PLACEWISE_API_URL, e.g. `https://api.mpc.placewise.com`; a path prefix is kept. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; wins over `clientToken` when both are set. */
  userToken?: string | null;
  /** Sent as `X-Client-Authorization`. */
  clientToken?: string | null;
  /** Default `X-Customer`, e.g. "id=1000941"; `Query.customer` overrides it. */
  customer?: string | null;
  /** Default `offer-digest/<version from package.json>`. */
  userAgent?: string;
  /** "Now" for cache completeness and rate-limit pacing. */
  clock?: Clock;
  /** Buckets ending before now minus this are complete and cacheable; default 15 (the API doc). */
  dataLagMinutes?: number;
  timeouts?: { connectMs?: number; bodyMs?: number; deadlineMs?: number };
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; maxRetryAfterMs?: number };
  /** Upper bound of cached (bucket, label) cells, LRU; default 200 000. */
  cacheMaxBuckets?: number;
  /** The API's silent cut (1000, the doc); an answer reaching it is split. Lowered only in tests. */
  maxDataPoints?: number;
  /** Requests of one query in flight at once; default 3. */
  concurrency?: number;
  /** First guess of the token refill rate until responses teach a better one; default 1 token/s. */
  rateLimit?: { refillPerSecond?: number };
  /** Injectable for tests; default real timers. Rejects when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests (jitter); default Math.random. */
  random?: () => number;
  /** Told each HTTP answer's status and the tokens it spent (for /metrics). */
  onResponse?: (status: number, tokens: number) => void;
}

export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly userToken: string | null;
  readonly clientToken: string | null;
  readonly customer: string | null;
  readonly userAgent: string;
  readonly clock: Clock;
  readonly dataLagMs: number;
  readonly connectMs: number;
  readonly bodyMs: number;
  readonly deadlineMs: number;
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly cacheMaxBuckets: number;
  readonly concurrency: number;
  readonly maxDataPoints: number;
  readonly refillPerSecond: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly onResponse: (status: number, tokens: number) => void;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const DEFAULT_USER_AGENT = `offer-digest/${packageVersion()}`;

/** A timer that rejects with the signal's reason when aborted, so a cancelled query stops waiting. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`PlacewiseClient option ${name} must be a number >= 0, got ${value}`);
  }
  return value;
}

export function resolveOptions(o: PlacewiseClientOptions): ResolvedOptions {
  let base: URL;
  try {
    base = new URL(o.baseUrl);
  } catch {
    throw new RangeError(
      `PlacewiseClient baseUrl must be an absolute URL like https://api.mpc.placewise.com, got "${o.baseUrl}"`,
    );
  }
  return {
    baseUrl: base.toString().replace(/\/+$/, ""),
    userToken: o.userToken || null,
    clientToken: o.clientToken || null,
    customer: o.customer || null,
    userAgent: o.userAgent ?? DEFAULT_USER_AGENT,
    clock: o.clock ?? systemClock,
    dataLagMs: positive("dataLagMinutes", o.dataLagMinutes, 15) * 60_000,
    // 5 s to connect, 20 s for headers or a body chunk, 60 s per query: a 150-bucket answer takes
    // well under a second, so these only bite when Placewise is really stuck.
    connectMs: positive("timeouts.connectMs", o.timeouts?.connectMs, 5_000),
    bodyMs: positive("timeouts.bodyMs", o.timeouts?.bodyMs, 20_000),
    deadlineMs: positive("timeouts.deadlineMs", o.timeouts?.deadlineMs, 60_000),
    maxAttempts: Math.max(1, Math.floor(positive("retry.maxAttempts", o.retry?.maxAttempts, 4))),
    baseDelayMs: positive("retry.baseDelayMs", o.retry?.baseDelayMs, 500),
    maxDelayMs: positive("retry.maxDelayMs", o.retry?.maxDelayMs, 8_000),
    maxRetryAfterMs: positive("retry.maxRetryAfterMs", o.retry?.maxRetryAfterMs, 30_000),
    cacheMaxBuckets: Math.floor(positive("cacheMaxBuckets", o.cacheMaxBuckets, 200_000)),
    maxDataPoints: Math.max(1, positive("maxDataPoints", o.maxDataPoints, MAX_DATA_POINTS)),
    concurrency: Math.max(1, Math.floor(positive("concurrency", o.concurrency, 3))),
    refillPerSecond: Math.max(0.01, positive("rateLimit.refillPerSecond", o.rateLimit?.refillPerSecond, 1)),
    sleep: o.sleep ?? realSleep,
    random: o.random ?? Math.random,
    onResponse: o.onResponse ?? (() => {}),
  };
}
