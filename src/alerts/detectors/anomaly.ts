/**
 * `anomaly`: the count against its seasonal baseline (seasonal.ts) scaled by the recent level,
 * judged with count-honest z scores (count-z.ts), on three tests:
 *  - high: one bucket above the band (a campaign, a burst);
 *  - low: two buckets in a row below it, their z combined (an outage is zero bucket after bucket;
 *    a spiky series' single quiet bucket is not news), so an outage fires on its 2nd bucket;
 *  - window: the last 6 h summed against the expected sum, so many small deviations in a row
 *    (a day at -50 %) add up to an alert no single bucket would raise.
 *
 * On the high side, how far is abnormal adapts to the series: a spike must pass the fixed z AND be
 * higher than every day of the last 28. Tweets and taxis have heavy tails (a 5-minute burst of
 * 5 × the usual happens weekly) where a fixed z fires daily; a mall's Poisson noise rarely passes the
 * fixed z at all, so there the fixed z decides. The low side keeps fixed thresholds: past outages
 * must not make the next outage look normal.
 */
import type { AlertRule, Sensitivity } from "../rule.ts";
import { DAY, HOUR, type SeriesContext } from "../series.ts";
import { type AnomalyMemo, anomalyMemo, type DayExtremes, fillMemo, MEMO_PARAMS } from "./anomaly-memo.ts";
import { countBand } from "./bands.ts";
import { type Judgement, learning } from "./judgement.ts";

export interface AnomalyConfig {
  /** High side: z a bucket must pass, by sensitivity. */
  readonly z: Record<Sensitivity, number>;
  /** Low side: z the combined two buckets must pass. */
  readonly zLow: Record<Sensitivity, number>;
  /** The same for the window sum. */
  readonly zWindow: Record<Sensitivity, number>;
  /** A deviation must beat the `rank`-th most extreme day of the last `tailDays` days. */
  readonly rank: Record<Sensitivity, number>;
  readonly tailDays: Record<Sensitivity, number>;
}

export const ANOMALY_DEFAULTS: AnomalyConfig = {
  // Measured on medium (bench/anomaly.ts): 4 → 4.5 drops false alerts on NAB (IBM 8 → 7, KO 3 → 2,
  // nyc_taxi 10 → 9; tweets 3.72 → 3.94, nyc_taxi 3.93 → 4.04) and loses nothing on the injected
  // incidents (3× spikes are z 10-20). A record margin of +0.5 z was measured too: tweets +0.15, but
  // GOOG's second window is found 20 h later and 2 of 32 noisy-mall spikes are lost.
  z: { low: 5.5, medium: 4.5, high: 3.5 },
  // Measured (bench/anomaly.ts): 5.5 catches 100 % of the simulator's injected outages within 2
  // buckets and 90 % on the noisy mall, NAB nyc_taxi 3.93; 4.5 catches 93 % of the noisy mall's
  // but drops nyc_taxi by 0.4 and KO by 1.2 (low-side false alerts on holidays and quiet nights).
  zLow: { low: 6.5, medium: 5.5, high: 4.5 },
  // The window's high side keeps the 28-day record too. Measured without it (fixed z on medium):
  // 7 catches NAB IBM's 20 April rise (tweets 3.94 → 5.43, nyc_taxi 4.15) but IBM's unlabelled 6 h
  // sums of 13 and 2 April (z 9.3, 7.3) fire as well: 9 false alerts, 1.14 a week, past the
  // target of 1; 8 gives 1.01 a week and 8.5 misses 20 April (its z peaks at 8.0-8.3). A second,
  // sustained test (24 h and 48 h sums, each bucket winsorised at ±3 sd, log ratio against the
  // median ± MAD of the last 28 days) catches it only at z 2 on 24 h, with GOOG and IBM at 1.5-1.9
  // false alerts a week (tweets 3.96): IBM's 2× days score z 2.0 there, below 31 March's unlabelled
  // 2× (z 3.2-4.0); at z 2.5-5 it only costs (nyc_taxi 0 to -0.75, IBM 1-4 more false alerts).
  zWindow: { low: 5, medium: 4, high: 3 },
  rank: { low: 1, medium: 1, high: 2 },
  tailDays: { low: 42, medium: 28, high: 14 },
};

/** The `rank`-th largest of `pick(day)` over the days before `today`; -Infinity when too few days. */
function empirical(
  m: AnomalyMemo,
  today: number,
  days: number,
  rank: number,
  pick: (d: DayExtremes) => number,
): number {
  const xs: number[] = [];
  for (let d = today - days; d < today; d++) {
    const x = m.days.get(d);
    if (x !== undefined) xs.push(pick(x));
  }
  if (xs.length < rank) return Number.NEGATIVE_INFINITY;
  xs.sort((a, b) => b - a);
  return xs[rank - 1] as number;
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
  const record = (pick: (d: DayExtremes) => number) => empirical(m, today, td, rank, pick);
  const uHigh = Math.max(
    cfg.z[s],
    record((d) => d.uMax),
  );
  const uLow = cfg.zLow[s];
  const wHigh = Math.max(
    cfg.zWindow[s],
    record((d) => d.wMax),
  );
  const wLow = cfg.zWindow[s];
  const mean = Math.max(e, MEMO_PARAMS.minRate);
  const variance = m.variance[i] as number;
  const band = { low: countBand(mean, variance, uLow).low, high: countBand(mean, variance, uHigh).high };
  const wantLow = rule.direction !== "high";
  const wantHigh = rule.direction !== "low";
  const bucketLow = wantLow && (m.low2[i] as number) < -uLow;
  const bucketHigh = wantHigh && u > uHigh;
  const below = bucketLow || (wantLow && wz < -wLow);
  const above = bucketHigh || (wantHigh && wz > wHigh);
  const calm = Math.abs(u) < cfg.z[s] / 2 && Math.abs(wz) < cfg.zWindow[s] / 2;
  const basis = m.mode[i] === "weekly" ? "the same time in past weeks" : "the same time over the last 7 days";
  const hours = Math.round((m.windowBuckets * ctx.stepMs) / HOUR);
  const range = `${Math.round(band.low)}–${Math.round(band.high)}`;
  let reason = `${y} is within the expected ${range} from ${basis}`;
  if (bucketHigh || (bucketLow && y < band.low)) {
    reason = `${y} is ${bucketLow ? "below" : "above"} the expected ${range} from ${basis}`;
  } else if (bucketLow) {
    // The low test combines two buckets: each may sit inside its own band while the pair is not.
    const before = ctx.values[i - 1] as number;
    reason = `the last 2 buckets (${before} and ${y}) are together well below the expected level from ${basis}`;
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
