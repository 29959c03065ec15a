/** The period a digest compares with, as the query that fetches it. */
import { INTERVALS } from "./fields.ts";
import type { Query } from "./query.ts";
import { finestIntervalFor } from "./retention.ts";

/**
 * The previous period at the same interval, or at the finest one retention still keeps for it
 * (`aligned` false: only its total can be compared, buckets of another size do not fit the chart);
 * null when the range has no previous period.
 */
export function previousQuery(q: Query, at: number): { query: Query; aligned: boolean } | null {
  const { previous, timezone } = q.range;
  if (previous.toMs <= previous.fromMs) return null;
  const finest = finestIntervalFor(previous.fromMs, at, timezone);
  const interval = INTERVALS.indexOf(finest) > INTERVALS.indexOf(q.interval) ? finest : q.interval;
  return {
    query: { ...q, interval, range: { ...q.range, fromMs: previous.fromMs, toMs: previous.toMs } },
    aligned: interval === q.interval,
  };
}
