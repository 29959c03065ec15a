/**
 * What one alert rule needs, decided from the rule alone: the bucket size it is judged at, how much
 * history a verdict reads, which buckets are due at "now", and the Placewise query for a span.
 * Pure: the worker, the evaluation job and the `/offers alert` preview all plan with these.
 */

import { DETECTORS } from "../../alerts/detectors/registry.ts";
import { historyPlan } from "../../alerts/history.ts";
import type { AlertRule as Rule } from "../../alerts/rule.ts";
import { parseRule } from "../../alerts/rules.ts";
import type { Interval } from "../../placewise/fields.ts";
import { bucketGrid, bucketStart, nextBucket, nominalMs } from "../../placewise/grid.ts";
import type { Query } from "../../placewise/query.ts";
import { parseQueryWords, type QueryWords } from "../../placewise/words.ts";

/** Minutes the API lags real time (REPORTING-API.md: ~15): a bucket is judged only once it is final. */
export const DATA_LAG_MS = 15 * 60_000;
/** Buckets drawn on the alert chart and fetched as context even when the rule needs fewer: 2 days hourly. */
export const CHART_BUCKETS = 48;
/** A worker that was down (or a resumed rule) judges at most this many missed buckets, oldest first. */
export const MAX_CATCH_UP_BUCKETS = 48;

export interface AlertPlan {
  readonly rule: Rule;
  readonly words: QueryWords;
  /** The bucket size the rule is judged at (the asked one, or coarser when retention forces it). */
  readonly interval: Interval;
  /** The size the rule asked for (`per 5m`), or 1h when it named none. */
  readonly askedInterval: Interval;
  /** History one verdict reads, in ms before the judged bucket (at least CHART_BUCKETS buckets). */
  readonly historyMs: number;
  readonly timezone: string;
  /** Why `interval` differs from the asked one, for people; null when it does not. */
  readonly intervalNote: string | null;
}

/** History a verdict of this kind reads: 8 weeks for anomaly, a week and a bucket for "vs last week". */
export function historyNeededMs(rule: Rule, interval: Interval): number {
  const bucket = nominalMs(interval);
  return Math.max(DETECTORS[rule.kind].historyMs(rule, bucket), CHART_BUCKETS * bucket);
}

const KEPT: Record<Interval, string> = {
  "5m": "5-minute data is kept for 14 days",
  "1h": "hourly data is kept for 6 months",
  "1d": "daily data is kept for 2 years",
  "1w": "",
  "1mo": "",
};

/**
 * The finest interval, not finer than asked, whose retention covers the history the rule needs:
 * an anomaly rule `per 5m` needs 3+ weeks, 5-minute data reaches back 14 days, so it runs per hour.
 * Retention is a fixed length, so any "now" gives the same answer (a DST week aside).
 */
export function planAlert(ruleText: string, queryText: string, timezone: string, now: number): AlertPlan {
  const { rule } = parseRule(ruleText);
  const words = parseQueryWords(queryText);
  const askedInterval = rule.interval ?? "1h";
  // One rule for the bucket size everywhere: the alert core's history plan (retention vs look-back).
  const { interval } = historyPlan(rule, askedInterval, now, timezone);
  const learns = DETECTORS[rule.kind].learnsFrom;
  const minWeeks = learns === null ? "" : ` and this rule ${learns}`;
  const intervalNote =
    interval === askedInterval
      ? null
      : `judged per ${interval} instead of per ${askedInterval}: ${KEPT[askedInterval]}${minWeeks}`;
  return {
    rule,
    words,
    interval,
    askedInterval,
    historyMs: historyNeededMs(rule, interval),
    timezone,
    intervalNote,
  };
}

/** Start of the newest bucket that ended at least the data lag ago: the newest one that is final. */
export function newestCompleteBucket(now: number, interval: Interval, zone: string): number {
  const current = bucketStart(now - DATA_LAG_MS, interval, zone);
  // `current` holds now - lag, so it ends after it: the one before is the newest complete bucket.
  return bucketStart(current - 1, interval, zone);
}

/**
 * Buckets to judge now, oldest first: every bucket after `lastEvaluated` up to the newest complete
 * one, at most MAX_CATCH_UP_BUCKETS (the newest). A rule never evaluated starts with the newest
 * complete bucket only, so a new rule does not announce an incident from yesterday.
 */
export function dueBuckets(
  lastEvaluated: number | null,
  now: number,
  interval: Interval,
  zone: string,
): number[] {
  const newest = newestCompleteBucket(now, interval, zone);
  if (lastEvaluated === null) return [newest];
  if (lastEvaluated >= newest) return [];
  const from = nextBucket(bucketStart(lastEvaluated, interval, zone), interval, zone);
  const all = bucketGrid(from, nextBucket(newest, interval, zone), interval, zone);
  return all.slice(-MAX_CATCH_UP_BUCKETS);
}

/** The query for [fromMs, toMs) at the plan's interval with the rule's filters, breakdown and club. */
export function historyQuery(plan: AlertPlan, fromMs: number, toMs: number): Query {
  const from = bucketStart(fromMs, plan.interval, plan.timezone);
  return {
    range: {
      fromMs: from,
      toMs,
      timezone: plan.timezone,
      label: "alert history",
      kind: "absolute",
      previous: { fromMs: from, toMs: from },
    },
    interval: plan.interval,
    filters: plan.words.filters,
    aggregateBy: plan.words.aggregateBy,
    customer: plan.words.customer,
  };
}
