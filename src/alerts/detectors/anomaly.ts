/**
 * `anomaly`: the count against its seasonal baseline (seasonal.ts) scaled by the recent level,
 * in a count-honest band (bands.ts), plus a window test (the last 6 h summed) so that many small
 * deviations in a row, a day at -50 %, add up to an alert no single bucket would raise.
 *
 * How far is abnormal adapts to the series: a deviation must pass a fixed z AND be more extreme
 * than on all but `rank - 1` of the last 28 days. Tweets and taxis have heavy tails (a 5-minute
 * spike of 5 × the usual happens weekly), where a fixed z fires every day; a mall's Poisson noise
 * rarely passes the fixed z at all, so there the fixed z decides.
 */
import type { AlertRule, Sensitivity } from "../rule.ts";
import { DAY, HOUR, type SeriesContext } from "../series.ts";
import { type AnomalyMemo, anomalyMemo, type DayExtremes, fillMemo, MEMO_PARAMS } from "./anomaly-memo.ts";
import { countBand } from "./bands.ts";
import { type Judgement, learning } from "./judgement.ts";

export interface AnomalyConfig {
  /** Band half-width in standard deviations per bucket, by sensitivity. */
  readonly z: Record<Sensitivity, number>;
  /** The same for the window sum. */
  readonly zWindow: Record<Sensitivity, number>;
  /** A deviation must beat the `rank`-th most extreme day of the last `tailDays` days. */
  readonly rank: Record<Sensitivity, number>;
  readonly tailDays: Record<Sensitivity, number>;
  /** ...by this factor: beating the month's record by a hair happens about once a month per test. */
  readonly margin: number;
}

export const ANOMALY_DEFAULTS: AnomalyConfig = {
  z: { low: 5, medium: 4, high: 3 },
  zWindow: { low: 5, medium: 4, high: 3 },
  rank: { low: 1, medium: 1, high: 2 },
  tailDays: { low: 42, medium: 28, high: 14 },
  margin: 1,
};

/** The `rank`-th largest of `pick(day)` over the days before `today`; -Infinity when too few days. */
function empirical(
  m: AnomalyMemo,
  today: number,
  days: number,
  rank: number,
  margin: number,
  pick: (d: DayExtremes) => number,
): number {
  const xs: number[] = [];
  for (let d = today - days; d < today; d++) {
    const x = m.days.get(d);
    if (x !== undefined) xs.push(pick(x));
  }
  if (xs.length < rank) return Number.NEGATIVE_INFINITY;
  xs.sort((a, b) => b - a);
  return (xs[rank - 1] as number) * margin;
}

export function judgeAnomaly(
  rule: AlertRule,
  ctx: SeriesContext,
  i: number,
  cfg = ANOMALY_DEFAULTS,
): Judgement {
  const m = anomalyMemo(ctx);
  fillMemo(m, ctx, i);
  if (m.mode[i] === "learning") return learning("still learning: fewer than 7 days of history");
  const e = m.expected[i] as number;
  const y = ctx.values[i] as number;
  const u = m.u[i] as number;
  const wz = m.wz[i] as number;
  const s = rule.sensitivity;
  const today = Math.floor((ctx.local[i] as number) / DAY);
  const rank = cfg.rank[s];
  const td = cfg.tailDays[s];
  const record = (pick: (d: DayExtremes) => number) => empirical(m, today, td, rank, cfg.margin, pick);
  const uHigh = Math.max(
    cfg.z[s],
    record((d) => d.uMax),
  );
  const uLow = Math.max(cfg.z[s], -record((d) => -d.uMin));
  const wHigh = Math.max(
    cfg.zWindow[s],
    record((d) => d.wMax),
  );
  const wLow = Math.max(cfg.zWindow[s], -record((d) => -d.wMin));
  const mean = Math.max(e, MEMO_PARAMS.minRate);
  const variance = m.variance[i] as number;
  const band = { low: countBand(mean, variance, uLow).low, high: countBand(mean, variance, uHigh).high };
  const wantLow = rule.direction !== "high";
  const wantHigh = rule.direction !== "low";
  const bucketLow = wantLow && u < -uLow;
  const bucketHigh = wantHigh && u > uHigh;
  const below = bucketLow || (wantLow && wz < -wLow);
  const above = bucketHigh || (wantHigh && wz > wHigh);
  const calm = Math.abs(u) < cfg.z[s] / 2 && Math.abs(wz) < cfg.zWindow[s] / 2;
  const basis = m.mode[i] === "weekly" ? "the same time in past weeks" : "the same time over the last 7 days";
  const hours = Math.round((m.windowBuckets * ctx.stepMs) / HOUR);
  const range = `${Math.round(band.low)}–${Math.round(band.high)}`;
  let reason = `${y} is within the expected ${range} from ${basis}`;
  if (bucketLow || bucketHigh) {
    reason = `${y} is ${bucketLow ? "below" : "above"} the expected ${range} from ${basis}`;
  } else if (below || above) {
    reason = `the last ${hours} h are well ${below ? "below" : "above"} the expected level from ${basis}`;
  }
  return {
    expected: e,
    low: band.low,
    high: band.high,
    breach: below || above,
    recovered: calm,
    learning: false,
    reason,
  };
}
