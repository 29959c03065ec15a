import { DateTime } from "luxon";
import type { Interval } from "./fields.ts";

const MINUTE = 60_000;
const FIXED_MS: Partial<Record<Interval, number>> = { "5m": 5 * MINUTE, "1h": 60 * MINUTE };
const CALENDAR_UNIT = { "1d": "day", "1w": "week", "1mo": "month" } as const;

/** Offset of `zone` from UTC at the instant `ms`, in ms. */
function offsetMs(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset * MINUTE;
}

/**
 * Start of the bucket holding `ms`. Minutes and hours are floored on the local wall clock by
 * arithmetic on the instant (so the repeated 02:00 hour in October is two buckets, one per
 * offset); days, Monday weeks and months use the local calendar.
 */
export function bucketStart(ms: number, interval: Interval, zone: string): number {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) {
    const local = ms + offsetMs(ms, zone);
    return ms - (((local % fixed) + fixed) % fixed);
  }
  const unit = CALENDAR_UNIT[interval as keyof typeof CALENDAR_UNIT];
  return DateTime.fromMillis(ms, { zone }).startOf(unit).toMillis();
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, interval: Interval, zone: string): number {
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) return start + fixed;
  const unit = CALENDAR_UNIT[interval as keyof typeof CALENDAR_UNIT];
  const dt = DateTime.fromMillis(start, { zone });
  // Add one unit to the local date, then snap to its start: a 23 h or 25 h day still ends at midnight.
  return dt
    .plus({ [`${unit}s`]: 1 })
    .startOf(unit)
    .toMillis();
}

/** Every bucket start from the bucket holding `fromMs` up to (not including) `toMs`. */
export function bucketGrid(fromMs: number, toMs: number, interval: Interval, zone: string): number[] {
  const out: number[] = [];
  for (let s = bucketStart(fromMs, interval, zone); s < toMs; s = nextBucket(s, interval, zone)) out.push(s);
  return out;
}

/** Index of a calendar bucket counted from 1970 on the local calendar: days, Monday weeks, months. */
function calendarIndex(ms: number, interval: "1d" | "1w" | "1mo", zone: string): number {
  const dt = DateTime.fromMillis(ms, { zone });
  if (interval === "1mo") return dt.year * 12 + dt.month;
  const day = Date.UTC(dt.year, dt.month - 1, dt.day) / 86_400_000;
  // 1970-01-01 was a Thursday: shifting by 3 makes Monday the first day of each week index.
  return interval === "1d" ? day : Math.floor((day + 3) / 7);
}

/**
 * Number of buckets in [fromMs, toMs), the length of `bucketGrid`, without building it: fixed
 * intervals by arithmetic, calendar ones from the local dates of the first and the last bucket.
 * Constant time, so a range can be sized before it is known to be sane.
 */
export function bucketCount(fromMs: number, toMs: number, interval: Interval, zone: string): number {
  const first = bucketStart(fromMs, interval, zone);
  if (toMs <= first) return 0;
  const fixed = FIXED_MS[interval];
  if (fixed !== undefined) return Math.ceil((toMs - first) / fixed);
  const unit = interval as "1d" | "1w" | "1mo";
  const last = bucketStart(toMs - 1, interval, zone);
  // A date the zone skipped (Apia's 2011-12-30) has no bucket, so whole days are read off the
  // elapsed time (offsets change by far less than 12 h between two midnights).
  if (unit === "1d") return Math.round((last - first) / 86_400_000) + 1;
  return calendarIndex(last, unit, zone) - calendarIndex(first, unit, zone) + 1;
}

/** ISO 8601 with the zone's offset, millisecond precision, as the API writes bucket times. */
export function toApiTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: false, includeOffset: true }) ?? "";
}

/** Nominal length of one bucket in ms (days 24 h, weeks 7 d, months 30 d); for sizing and labels. */
export function nominalMs(interval: Interval): number {
  return (
    FIXED_MS[interval] ?? { "1d": 86_400_000, "1w": 7 * 86_400_000, "1mo": 30 * 86_400_000 }[interval as "1d"]
  );
}
