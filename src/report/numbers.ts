import { EN, type Messages } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";
import type { Average, Change, Peak } from "./types.ts";
import { bucketLabel, calendarDays } from "./when.ts";

/**
 * Below this absolute change in % the digest says "flat": the message shows one decimal under 10 %,
 * so anything under 0.05 % would print as "+0.0%", which reads as no change anyway.
 */
export const FLAT_PERCENT = 0.05;

export function changeOf(current: number, previous: number): Change {
  if (previous === 0)
    return current > 0 ? { direction: "new", percent: null } : { direction: "flat", percent: 0 };
  const percent = ((current - previous) / previous) * 100;
  if (Math.abs(percent) < FLAT_PERCENT) return { direction: "flat", percent };
  return { direction: percent > 0 ? "up" : "down", percent };
}

/** The largest bucket (the earliest of equals); null when every bucket is 0, as there is no peak. */
export function peakOf(
  times: readonly number[],
  values: readonly number[],
  interval: Interval,
  zone: string,
  spanMs: number,
  m: Messages = EN,
): Peak | null {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) > 0 && (best === -1 || (values[i] as number) > (values[best] as number)))
      best = i;
  }
  if (best === -1) return null;
  const start = times[best] as number;
  return { start, value: values[best] as number, label: bucketLabel(start, interval, zone, spanMs, m) };
}

/**
 * Averages over what has happened: a running range ("today" at 10:00) counts its 10 elapsed hours,
 * not 24, or the average would fall all day and rise again at midnight.
 */
export function averageOf(
  total: number,
  elapsedBuckets: number,
  fromMs: number,
  endMs: number,
  zone: string,
): Average {
  const days = endMs > fromMs ? calendarDays(fromMs, endMs, zone) : 0;
  return {
    perBucket: elapsedBuckets > 0 ? total / elapsedBuckets : null,
    perDay: days > 0 ? total / days : null,
    buckets: elapsedBuckets,
    days,
  };
}
