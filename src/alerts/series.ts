/**
 * A series prepared for detectors: bucket starts, counts, and each bucket's local wall-clock time,
 * so "the same local time k weeks ago" is one map lookup, DST-correct (a week before Monday 10:00
 * after the October change is Monday 10:00 in summer time, 7 × 24 + 1 hours earlier).
 */
import { DateTime } from "luxon";

export interface SeriesInput {
  readonly times: readonly number[];
  readonly values: readonly number[];
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

export interface SeriesContext extends SeriesInput {
  readonly tz: string;
  /** Typical distance between two bucket starts (the most common gap). */
  readonly stepMs: number;
  /** Local wall-clock time of each bucket start, as if the zone were UTC. */
  readonly local: Float64Array;
  /** Index of the bucket starting at this local wall-clock time (the later one in a repeated hour). */
  indexAtLocal(localMs: number): number | undefined;
  /** Per-detector memo of values computed for index i from rows ≤ i only (so reuse never looks ahead). */
  readonly memo: Map<string, unknown>;
}

/** The most common positive gap between consecutive bucket starts; one hour when there is none. */
export function inferStepMs(times: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = HOUR;
  let bestCount = 0;
  for (const [gap, n] of counts) {
    if (n > bestCount || (n === bestCount && gap < best)) {
      best = gap;
      bestCount = n;
    }
  }
  return best;
}

function offsetMs(ms: number, tz: string): number {
  return DateTime.fromMillis(ms, { zone: tz }).offset * MINUTE;
}

export function seriesContext(series: SeriesInput, tz: string, stepMs?: number): SeriesContext {
  const n = series.times.length;
  const local = new Float64Array(n);
  const byLocal = new Map<number, number>();
  // Zone offsets change at most twice a year: reuse the offset while the hour stays the same.
  let cachedHour = Number.NaN;
  let cachedOffset = 0;
  for (let i = 0; i < n; i++) {
    const t = series.times[i] as number;
    const hour = Math.floor(t / HOUR);
    if (hour !== cachedHour) {
      cachedHour = hour;
      cachedOffset = tz === "UTC" ? 0 : offsetMs(t, tz);
    }
    local[i] = t + cachedOffset;
    byLocal.set(local[i] as number, i);
  }
  return {
    times: series.times,
    values: series.values,
    tz,
    stepMs: stepMs ?? inferStepMs(series.times),
    local,
    indexAtLocal: (ms) => byLocal.get(ms),
    memo: new Map(),
  };
}

/** ISO weekday (1 = Monday) and minute of day of a local wall-clock time. */
export function localParts(localMs: number): { weekday: number; minuteOfDay: number } {
  const dayIndex = Math.floor(localMs / DAY);
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((dayIndex + 3) % 7) + 7) % 7) + 1;
  const minuteOfDay = Math.floor((localMs - dayIndex * DAY) / MINUTE);
  return { weekday, minuteOfDay };
}
