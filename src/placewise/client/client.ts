import { PlacewiseError } from "../errors.ts";
import { nextBucket } from "../grid.ts";
import type { Query, QueryResult } from "../query.ts";
import { buildBody, buildFilter } from "./body.ts";
import { BucketCache, type CachedCell } from "./cache.ts";
import { type ClientStats, Exchanger } from "./exchange.ts";
import { HttpTransport } from "./http.ts";
import { mergeOntoGrid, type SparseSeries, sparseFromResponse } from "./merge.ts";
import { type PlacewiseClientOptions, type ResolvedOptions, resolveOptions } from "./options.ts";
import type { Priority } from "./pacer.ts";
import { type PlannedRequest, planRequests, queryGrid, splitInHalves } from "./plan.ts";
import { runQueue } from "./queue.ts";
import type { ApiResponse } from "./response.ts";

/** A request's answer that made it into the result, with whether it still hit the cut. */
interface Leaf {
  readonly request: PlannedRequest;
  readonly response: ApiResponse;
  readonly truncated: boolean;
}

/**
 * The client for `offers_usages_history`. It never reports a wrong number silently: long ranges are
 * split to 150 buckets, answers that reach the 1000-point cut are re-fetched in halves down to one
 * bucket (and marked `truncated` if even that is cut), sparse answers are laid on the full grid,
 * and a body that is not the documented shape is an error.
 */
export class PlacewiseClient {
  readonly stats: ClientStats = {
    requests: 0,
    tokens: 0,
    retries: 0,
    cacheHits: 0,
    coalesced: 0,
    waitsForTokens: 0,
  };
  private readonly opts: ResolvedOptions;
  private readonly transport: HttpTransport;
  private readonly exchanger: Exchanger;
  private readonly cache: BucketCache;

  constructor(options: PlacewiseClientOptions) {
    this.opts = resolveOptions(options);
    this.transport = new HttpTransport(this.opts.baseUrl, {
      connectMs: this.opts.connectMs,
      bodyMs: this.opts.bodyMs,
      connections: this.opts.concurrency * 2,
    });
    this.exchanger = new Exchanger(this.opts, this.transport, this.stats);
    this.cache = new BucketCache(this.opts.cacheMaxBuckets);
  }

  /** `priority`: "interactive" for a person's command (it leaves the scheduled reserve alone, see pacer.ts). */
  async query(
    q: Query,
    opts: { signal?: AbortSignal; deadlineMs?: number; priority?: Priority } = {},
  ): Promise<QueryResult> {
    const deadlineMs = opts.deadlineMs ?? this.opts.deadlineMs;
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(
          new PlacewiseError(
            "timeout",
            `Placewise did not deliver ${q.range.label} within ${deadlineMs / 1000} s. Try again, or ask for a shorter range or a coarser interval.`,
          ),
        ),
      deadlineMs,
    );
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
    try {
      return await this.run(q, signal, this.opts.clock.now() + deadlineMs, opts.priority ?? "scheduled");
    } catch (e) {
      throw signal.aborted ? signal.reason : e;
    } finally {
      clearTimeout(timer);
    }
  }

  private async run(
    q: Query,
    signal: AbortSignal,
    deadlineAt: number,
    priority: Priority,
  ): Promise<QueryResult> {
    const zone = q.range.timezone;
    const grid = queryGrid(q);
    const customer = q.customer ?? this.opts.customer;
    const filter = buildFilter(q.filters);
    const scope = JSON.stringify([customer, filter, q.aggregateBy, q.interval, zone]);
    // Only buckets that ended a data lag ago are final; newer ones may still grow.
    const completeBefore = this.opts.clock.now() - this.opts.dataLagMs;
    const cached = new Map<number, readonly CachedCell[]>();
    for (const b of grid) {
      const cells = this.cache.get(scope, b);
      if (cells !== undefined) cached.set(b, cells);
    }
    const plan = planRequests(q, { grid, have: (b) => cached.has(b) });
    for (const r of plan) for (const b of r.buckets) cached.delete(b);

    const leaves: Leaf[] = [];
    let requests = 0;
    let tokens = 0;
    await runQueue(plan, this.opts.concurrency, signal, async (r, push, s) => {
      const body = buildBody(q, r.fromMs, r.toMs, filter);
      const ex = await this.exchanger.send(customer, body, s, deadlineAt, priority);
      requests += ex.requests;
      tokens += ex.tokens;
      if (ex.response.data_points >= this.opts.maxDataPoints) {
        // The API cut this answer silently; halves hold fewer points each. A single bucket cannot
        // be split by time, so it is kept and marked.
        const halves = splitInHalves(r);
        if (halves) return halves.forEach(push);
        leaves.push({ request: r, response: ex.response, truncated: true });
        return;
      }
      leaves.push({ request: r, response: ex.response, truncated: false });
    });

    const zones = new Set(leaves.map((l) => l.response.range_timezone));
    if (zones.size > 1) {
      throw new PlacewiseError(
        "bad_response",
        `Placewise answered parts of one query in different zones (${[...zones].join(", ")}); no numbers were shown. Try again.`,
      );
    }
    const rangeTimezone = zones.values().next().value ?? zone;
    const parts: SparseSeries[] = [];
    for (const leaf of leaves) {
      const sparse = sparseFromResponse(leaf.response, q, leaf.request);
      parts.push(...sparse);
      // Cached cells are keyed by bucket start in the query zone, so only answers on that grid are kept.
      if (!leaf.truncated && leaf.response.range_timezone === zone)
        this.remember(scope, q, leaf, sparse, completeBefore);
    }
    for (const [b, cells] of cached) {
      for (const c of cells)
        parts.push({ key: c.key, label: c.label, timezone: zone, points: new Map([[b, c.value]]) });
    }
    this.stats.cacheHits += cached.size;
    const truncatedBuckets = leaves.filter((l) => l.truncated).flatMap((l) => l.request.buckets);
    return {
      query: q,
      interval: q.interval,
      rangeTimezone,
      series: mergeOntoGrid(q, rangeTimezone, parts),
      truncated: truncatedBuckets.length > 0,
      truncatedBuckets: truncatedBuckets.sort((a, b) => a - b),
      cost: { requests, tokens, cachedBuckets: cached.size },
    };
  }

  private remember(
    scope: string,
    q: Query,
    leaf: Leaf,
    sparse: readonly SparseSeries[],
    completeBefore: number,
  ) {
    for (const b of leaf.request.buckets) {
      if (nextBucket(b, q.interval, q.range.timezone) > completeBefore) break;
      const cells: CachedCell[] = [];
      for (const s of sparse) {
        const v = s.points.get(b);
        if (v !== undefined) cells.push({ key: s.key, label: s.label, value: v });
      }
      this.cache.set(scope, b, cells);
    }
  }

  /** Cached cells and buckets, for tests and the benchmark. */
  get cacheSize(): { buckets: number; cells: number } {
    return this.cache.size;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
