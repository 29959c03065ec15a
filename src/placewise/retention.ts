/**
 * Limits a query must respect before it is sent: data retention per interval (5m 14 days, 1h six
 * months, 1d two years, 1w/1mo forever, per the API doc) and a sane number of buckets for a chart.
 */
import { DateTime } from "luxon";
import { InputError } from "../util/errors.ts";
import { INTERVALS, type Interval, RETENTION } from "./fields.ts";
import { bucketStart, nominalMs } from "./grid.ts";
import type { Query } from "./query.ts";

/** More buckets than this makes an unreadable chart and a needlessly expensive fetch. */
export const MAX_QUERY_BUCKETS = 5000;

const NAMES: Record<Interval, string> = {
  "5m": "5-minute",
  "1h": "hourly",
  "1d": "daily",
  "1w": "weekly",
  "1mo": "monthly",
};
const KEPT: Record<Interval, string> = {
  "5m": "14 days",
  "1h": "6 months",
  "1d": "2 years",
  "1w": "forever",
  "1mo": "forever",
};

/**
 * Oldest instant whose data at `interval` is still kept, or -Infinity. Retention is counted in
 * whole buckets, from the start of the bucket in progress: `last 14d interval=5m` ends at that start,
 * so it is exactly the 14 days kept and must not be refused for the minutes since (the simulator
 * counts the same way).
 */
export function retentionStart(interval: Interval, now: number, zone: string): number {
  const r = RETENTION[interval];
  if (r === null) return Number.NEGATIVE_INFINITY;
  return DateTime.fromMillis(bucketStart(now, interval, zone), { zone })
    .minus(r)
    .toMillis();
}

/** The finest interval whose retention reaches back to `fromMs`. */
export function finestIntervalFor(fromMs: number, now: number, zone: string): Interval {
  return INTERVALS.find((i) => retentionStart(i, now, zone) <= fromMs) ?? "1mo";
}

export function checkQueryLimits(q: Query, now: number): void {
  const { fromMs, toMs, timezone } = q.range;
  // The comparison period is not checked here: the pipeline fetches it at a coarser interval when
  // it is past retention (totals are sums, so they agree across intervals).
  const oldest = fromMs;
  if (bucketStart(oldest, q.interval, timezone) < retentionStart(q.interval, now, timezone)) {
    const better = finestIntervalFor(bucketStart(oldest, "1d", timezone), now, timezone);
    const when = DateTime.fromMillis(oldest, { zone: timezone }).toFormat("yyyy-MM-dd");
    throw new InputError(
      `interval=${q.interval} cannot reach back to ${when}: ${NAMES[q.interval]} data is kept for ${KEPT[q.interval]}. Use interval=${better} (kept ${KEPT[better]}) or a more recent range.`,
      `interval=${q.interval}`,
    );
  }
  const buckets = Math.ceil((toMs - fromMs) / nominalMs(q.interval));
  if (buckets > MAX_QUERY_BUCKETS) {
    const fits = (i: Interval) => Math.ceil((toMs - fromMs) / nominalMs(i)) <= MAX_QUERY_BUCKETS;
    // Only a coarser interval helps; when none does, the range itself is too long.
    const coarser = INTERVALS.slice(INTERVALS.indexOf(q.interval) + 1).find(fits);
    const longest = Math.floor((MAX_QUERY_BUCKETS * nominalMs(q.interval)) / 86_400_000);
    const fix =
      coarser === undefined
        ? `Use a shorter range: ${MAX_QUERY_BUCKETS} buckets at interval=${q.interval} are about ${longest.toLocaleString("en")} days.`
        : `Use interval=${coarser} or a shorter range.`;
    throw new InputError(
      `${q.range.label} at interval=${q.interval} is about ${buckets.toLocaleString("en")} buckets; at most ${MAX_QUERY_BUCKETS} fit in a digest. ${fix}`,
      `interval=${q.interval}`,
    );
  }
}
