import type { Aggregation, Interval } from "../../src/placewise/fields.ts";
import { bucketGrid } from "../../src/placewise/grid.ts";
import type { Filter, GridSeries, Period, Query, QueryResult } from "../../src/placewise/query.ts";

export const OSLO = "Europe/Oslo";
export const at = (iso: string): number => Date.parse(iso);

export interface QueryFixture {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  interval?: Interval;
  zone?: string;
  label?: string;
  aggregateBy?: Aggregation | null;
  filters?: Filter[];
  customer?: string | null;
}

export function makeQuery(f: QueryFixture): Query {
  const previous: Period = { fromMs: at(f.previousFrom), toMs: at(f.previousTo) };
  return {
    range: {
      fromMs: at(f.from),
      toMs: at(f.to),
      timezone: f.zone ?? OSLO,
      label: f.label ?? "yesterday",
      kind: "calendar",
      previous,
    },
    interval: f.interval ?? "1h",
    filters: f.filters ?? [],
    aggregateBy: f.aggregateBy ?? null,
    customer: f.customer ?? null,
  };
}

export interface SeriesFixture {
  label?: GridSeries["label"];
  zone?: string;
  /** One value per bucket; missing tail buckets are 0. */
  values: number[];
}

/** A result laid on the grid of `period` (the query's range unless given), as the client returns it. */
export function makeResult(
  query: Query,
  series: SeriesFixture[],
  opts: { period?: Period; rangeTimezone?: string; truncatedBuckets?: number[] } = {},
): QueryResult {
  const period = opts.period ?? query.range;
  const rangeTimezone = opts.rangeTimezone ?? query.range.timezone;
  return {
    query,
    interval: query.interval,
    rangeTimezone,
    series: series.map((s) => {
      const zone = s.zone ?? query.range.timezone;
      const times = bucketGrid(period.fromMs, period.toMs, query.interval, zone);
      return { label: s.label ?? {}, timezone: zone, times, values: times.map((_, i) => s.values[i] ?? 0) };
    }),
    truncated: (opts.truncatedBuckets ?? []).length > 0,
    truncatedBuckets: opts.truncatedBuckets ?? [],
    cost: { requests: 1, tokens: 3, cachedBuckets: 0 },
  };
}

/** The previous period's result of `query`. */
export function makePrevious(query: Query, series: SeriesFixture[]): QueryResult {
  return makeResult(query, series, { period: query.range.previous });
}

export const constant = (n: number, value: number): number[] => new Array<number>(n).fill(value);
