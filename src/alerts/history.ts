/**
 * What the worker must fetch to evaluate a rule, and which buckets it may judge. Pure: "now" is an
 * input. Each kind says how much it reads (the anomaly baseline wants 8 weeks); 5-minute data is kept
 * 14 days, so an anomaly rule on 5m is evaluated on hourly buckets (the finest interval whose
 * retention covers 8 weeks).
 */
import { DateTime } from "luxon";
import { INTERVALS, type Interval, RETENTION } from "../placewise/fields.ts";
import { nextBucket, nominalMs } from "../placewise/grid.ts";
import { DETECTORS } from "./detectors/registry.ts";
import type { AlertRule } from "./rule.ts";

export interface HistoryPlan {
  /** Interval to query and evaluate at (may be coarser than the rule's). */
  readonly interval: Interval;
  /** Query from here (epoch ms) to now. */
  readonly fromMs: number;
}

/** Oldest instant still held at `interval` (null = forever). */
function retainedFrom(interval: Interval, now: number, tz: string): number | null {
  const r = RETENTION[interval];
  if (r === null) return null;
  return DateTime.fromMillis(now, { zone: tz })
    .minus({ days: r.days ?? 0, months: r.months ?? 0, years: r.years ?? 0 })
    .toMillis();
}

function lookbackMs(rule: AlertRule, interval: Interval): number {
  const bucket = nominalMs(interval);
  // `for` buckets to fire plus as many to resolve, and a day's margin for the level and window tests.
  const own = (2 * rule.for + 2) * bucket;
  return DETECTORS[rule.kind].historyMs(rule, bucket) + own;
}

export function historyPlan(rule: AlertRule, queryInterval: Interval, now: number, tz: string): HistoryPlan {
  const want = rule.interval ?? queryInterval;
  for (const interval of INTERVALS.slice(INTERVALS.indexOf(want))) {
    const fromMs = now - lookbackMs(rule, interval);
    const kept = retainedFrom(interval, now, tz);
    if (kept === null || kept <= fromMs) return { interval, fromMs };
  }
  return { interval: "1mo", fromMs: now - lookbackMs(rule, "1mo") };
}

/**
 * Index of the newest bucket that is complete at `now` (its end ≤ now), or -1. The newest,
 * still-filling bucket is never judged: half an hour of usage is not a low hour.
 */
export function lastCompleteIndex(
  times: readonly number[],
  interval: Interval,
  now: number,
  tz: string,
): number {
  for (let i = times.length - 1; i >= 0; i--) {
    if (nextBucket(times[i] as number, interval, tz) <= now) return i;
  }
  return -1;
}
