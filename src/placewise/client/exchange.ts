import type { Interval } from "../fields.ts";
import { type ApiRequestBody, estimateTokenCost } from "./body.ts";
import type { HttpTransport } from "./http.ts";
import { InFlight } from "./inflight.ts";
import type { ResolvedOptions } from "./options.ts";
import { type Priority, RateLimitPacer, readRateLimit } from "./pacer.ts";
import { type ApiResponse, parseResponse } from "./response.ts";
import { withRetries } from "./retry.ts";
import { errorForStatus, parseRetryAfter } from "./status.ts";

export const QUERY_PATH = "/v1/reporting/query";

/** Counters since the client was made; a benchmark reads them. */
export interface ClientStats {
  /** HTTP requests sent (each retry counts). */
  requests: number;
  /** Rate-limit tokens spent, from `ratelimit-cost`. */
  tokens: number;
  retries: number;
  /** Buckets answered from the cache. */
  cacheHits: number;
  /** Requests not sent because an identical one was in flight. */
  coalesced: number;
  /** Times the pacer waited for tokens instead of running into a 429. */
  waitsForTokens: number;
}

/** One logical request's outcome; `requests`/`tokens` are 0 for a caller that joined another's. */
export interface Exchange {
  readonly response: ApiResponse;
  readonly requests: number;
  readonly tokens: number;
}

/** Sends one request body: pacing, retries, coalescing, status mapping and body checks. */
export class Exchanger {
  private readonly inflight = new InFlight<Exchange>();
  private readonly pacer: RateLimitPacer;
  /** Last `ratelimit-cost` seen per filter shape; the estimate is only used before the first answer. */
  private readonly costs = new Map<string, number>();

  constructor(
    private readonly opts: ResolvedOptions,
    private readonly transport: HttpTransport,
    private readonly stats: ClientStats,
  ) {
    this.pacer = new RateLimitPacer(opts.clock, opts.sleep, opts.refillPerSecond);
  }

  private headers(customer: string | null): Record<string, string> {
    const h: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      "x-user-agent": this.opts.userAgent,
    };
    // One credential only: a request carrying both is ambiguous, and a user token is the narrower.
    if (this.opts.userToken) h.authorization = `Bearer ${this.opts.userToken}`;
    else if (this.opts.clientToken) h["x-client-authorization"] = this.opts.clientToken;
    if (customer) h["x-customer"] = customer;
    return h;
  }

  async send(
    customer: string | null,
    body: ApiRequestBody,
    signal: AbortSignal,
    deadlineAt: number,
    priority: Priority = "scheduled",
  ): Promise<Exchange> {
    const text = JSON.stringify(body);
    const key = `${customer ?? ""}\n${text}`;
    const { value, joined } = await this.inflight.run(key, signal, (shared) =>
      this.sendWithRetries(customer, body, text, shared, deadlineAt, priority),
    );
    if (joined) this.stats.coalesced++;
    return joined ? { response: value.response, requests: 0, tokens: 0 } : value;
  }

  private async sendWithRetries(
    customer: string | null,
    body: ApiRequestBody,
    text: string,
    signal: AbortSignal,
    deadlineAt: number,
    priority: Priority,
  ): Promise<Exchange> {
    const costKey = JSON.stringify(body.filter);
    const pacingKey = customer ?? "";
    const headers = this.headers(customer);
    let requests = 0;
    let tokens = 0;
    const response = await withRetries(
      async () => {
        const cost = this.costs.get(costKey) ?? estimateTokenCost(body.filter);
        const release = await this.pacer.acquire(pacingKey, cost, signal, deadlineAt, priority);
        this.stats.waitsForTokens = this.pacer.waits;
        try {
          requests++;
          this.stats.requests++;
          const ans = await this.transport.post(QUERY_PATH, headers, text, signal);
          const rl = readRateLimit(ans.headers);
          const retryAfter =
            ans.status === 429
              ? parseRetryAfter(ans.headers["retry-after"], this.opts.clock.now())
              : undefined;
          release(rl ?? undefined, retryAfter);
          if (rl) {
            if (rl.cost > 0) this.costs.set(costKey, rl.cost);
            // A 429 is refused before any work, so it spends nothing.
            if (ans.status !== 429) {
              tokens += rl.cost;
              this.stats.tokens += rl.cost;
            }
          }
          this.opts.onResponse(ans.status, ans.status !== 429 && rl ? rl.cost : 0);
          if (ans.status !== 200)
            throw errorForStatus(ans.status, ans.text, ans.headers, this.opts.clock.now());
          return parseResponse(ans.text, body.interval as Interval);
        } finally {
          release();
        }
      },
      {
        policy: this.opts,
        random: this.opts.random,
        sleep: this.opts.sleep,
        signal,
        now: () => this.opts.clock.now(),
        deadlineAt: () => deadlineAt,
        onRetry: () => {
          this.stats.retries++;
        },
      },
    );
    return { response, requests, tokens };
  }
}
