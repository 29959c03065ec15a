/** `drop X%` and `rise X%` against the bucket before or the same local time a week before. */
import type { AlertRule } from "../rule.ts";
import { type SeriesContext, WEEK } from "../series.ts";
import { type Judgement, learning } from "./judgement.ts";

/** Index of the reference bucket, or undefined when history does not reach back far enough. */
export function referenceIndex(
  ctx: SeriesContext,
  i: number,
  versus: AlertRule["versus"],
): number | undefined {
  if (versus === "last_week") return ctx.indexAtLocal((ctx.local[i] as number) - WEEK);
  return i > 0 ? i - 1 : undefined;
}

/**
 * Recovery needs the change back within 80 % of the limit ("drop 40%" recovers above -32 %), so a
 * value that wobbles around the limit does not resolve and re-fire.
 */
const RECOVERY_FRACTION = 0.8;

export function judgeChange(rule: AlertRule, ctx: SeriesContext, i: number): Judgement {
  const ref = referenceIndex(ctx, i, rule.versus);
  const what = rule.versus === "last_week" ? "the same time last week" : "the bucket before";
  if (ref === undefined) return learning(`no value for ${what} yet`);
  const value = ctx.values[i] as number;
  const base = ctx.values[ref] as number;
  const limit = (rule.percent ?? 0) / 100;
  const drop = rule.kind === "drop";
  const bound = drop ? base * (1 - limit) : base * (1 + limit);
  // From 0 nothing can drop, and any usage is an unbounded rise.
  const change = base === 0 ? (value === 0 ? 0 : Number.POSITIVE_INFINITY) : (value - base) / base;
  const breach = drop ? base > 0 && change <= -limit : change >= limit && value > 0;
  const recovered = drop ? change > -limit * RECOVERY_FRACTION : change < limit * RECOVERY_FRACTION;
  const pct = Number.isFinite(change) ? `${Math.round(change * 100)}%` : "up from 0";
  return {
    expected: base,
    low: drop ? bound : null,
    high: drop ? null : bound,
    breach,
    recovered,
    learning: false,
    reason: `${value} vs ${base} for ${what} (${pct})`,
  };
}
