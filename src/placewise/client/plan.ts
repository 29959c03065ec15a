import { PlacewiseError } from "../errors.ts";
import { MAX_BUCKETS_PER_REQUEST } from "../fields.ts";
import { bucketGrid, nextBucket } from "../grid.ts";
import type { Query } from "../query.ts";

/** One request: the contiguous buckets [fromMs, toMs) of the query grid; both ends on bucket starts. */
export interface PlannedRequest {
  readonly fromMs: number;
  readonly toMs: number;
  /** Bucket starts (query zone) this request covers, ascending. */
  readonly buckets: readonly number[];
}

/**
 * 20 000 buckets is 134 requests of 150, about 400 tokens: more than a chat command should spend.
 * 30 days of 5m is 8 640 buckets, six months of 1h 4 400, so real queries stay far below.
 */
export const MAX_BUCKETS_PER_QUERY = 20_000;

/** Every bucket start of the query in its zone; the last bucket may end after `range.toMs`. */
export function queryGrid(q: Query): number[] {
  const grid = bucketGrid(q.range.fromMs, q.range.toMs, q.interval, q.range.timezone);
  if (grid.length > MAX_BUCKETS_PER_QUERY) {
    throw new PlacewiseError(
      "invalid_query",
      `${q.range.label} at interval ${q.interval} is ${grid.length} buckets; at most ${MAX_BUCKETS_PER_QUERY} are ` +
        "fetched per query. Use a coarser interval or a shorter range.",
    );
  }
  return grid;
}

/** Index spans [start, end) of buckets that still need fetching. */
function missingSpans(n: number, missing: (i: number) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    if (!missing(i)) continue;
    const last = spans.at(-1);
    if (last && last[1] === i) last[1] = i + 1;
    else spans.push([i, i + 1]);
  }
  return spans;
}

/**
 * Split the grid's missing buckets into requests of at most `maxBuckets`. Two missing spans are
 * fetched by one request (re-reading the cached buckets between them) when together they fit:
 * one request costs 3 tokens, a few re-read buckets cost nothing. Long spans are cut into equal
 * parts (720 hours: 5 x 144, not 4 x 150 + 120) so no request is needlessly close to the
 * 1000-point cut.
 */
export function planSpans(
  grid: readonly number[],
  end: number,
  missing: (i: number) => boolean = () => true,
  maxBuckets = MAX_BUCKETS_PER_REQUEST,
): PlannedRequest[] {
  const merged: Array<[number, number]> = [];
  for (const span of missingSpans(grid.length, missing)) {
    const last = merged.at(-1);
    if (last && span[1] - last[0] <= maxBuckets) last[1] = span[1];
    else merged.push(span);
  }
  const out: PlannedRequest[] = [];
  for (const [from, to] of merged) {
    const parts = Math.ceil((to - from) / maxBuckets);
    for (let p = 0; p < parts; p++) {
      const a = from + Math.floor(((to - from) * p) / parts);
      const b = from + Math.floor(((to - from) * (p + 1)) / parts);
      const buckets = grid.slice(a, b);
      out.push({ fromMs: buckets[0] as number, toMs: b < grid.length ? (grid[b] as number) : end, buckets });
    }
  }
  return out;
}

/**
 * 150 buckets per request, but 149 for days, weeks and months: the API counts buckets in each
 * club's zone, and 150 Oslo days are 151 Helsinki days (the first one starts at 23:00 Oslo time),
 * which a query over clubs in two zones would get refused with 422.
 */
export function maxBucketsFor(q: Query): number {
  return q.interval === "5m" || q.interval === "1h" ? MAX_BUCKETS_PER_REQUEST : MAX_BUCKETS_PER_REQUEST - 1;
}

/**
 * The requests for `q`: contiguous, no gap or overlap, each at most 150 buckets.
 * `have(start)` tells which buckets are already known (cached) and need no request.
 */
export function planRequests(
  q: Query,
  opts: { have?: (bucketStart: number) => boolean; maxBuckets?: number; grid?: readonly number[] } = {},
): PlannedRequest[] {
  const grid = opts.grid ?? queryGrid(q);
  if (grid.length === 0) return [];
  const end = nextBucket(grid.at(-1) as number, q.interval, q.range.timezone);
  const have = opts.have;
  return planSpans(
    grid,
    end,
    have ? (i) => !have(grid[i] as number) : undefined,
    opts.maxBuckets ?? maxBucketsFor(q),
  );
}

/** Halves of a request that hit the data point cut; null for a single bucket (cannot split by time). */
export function splitInHalves(r: PlannedRequest): [PlannedRequest, PlannedRequest] | null {
  if (r.buckets.length < 2) return null;
  const mid = Math.floor(r.buckets.length / 2);
  const midMs = r.buckets[mid] as number;
  return [
    { fromMs: r.fromMs, toMs: midMs, buckets: r.buckets.slice(0, mid) },
    { fromMs: midMs, toMs: r.toMs, buckets: r.buckets.slice(mid) },
  ];
}
