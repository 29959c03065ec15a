/**
 * What the anomaly detector expects of each bucket, as a count model: a mean and an over-dispersion
 * φ (variance = mean + φ·mean², so φ = 0 is Poisson). The mean is the seasonal baseline
 * (seasonal.ts) scaled by the recent level; φ is estimated from the series' own history. Every
 * value for bucket j reads rows 0..j only.
 */
import { DAY, type SeriesContext } from "../series.ts";
import { cellOf, pooledDay } from "./pooled.ts";
import { madSd, median } from "./robust.ts";
import { type BaselineMode, SEASONAL, seasonalBaseline } from "./seasonal.ts";

export interface BucketModel {
  readonly mode: BaselineMode;
  readonly expected: number;
  /**
   * What the low-side and the high-side tests take as expected. The same as `expected` once the
   * weekly baseline is there; in the first weeks (the daily fallback, which cannot tell a Saturday
   * from a Monday) the lowest and highest of the last 7 days at that time: a value seen on one of
   * them is not news, and a Sunday's closed shop is not an outage.
   */
  readonly floor: number;
  readonly ceiling: number;
  /**
   * Extra-Poisson relative variance known a priori (0 for the oracle, which knows the true rate),
   * or null: then it is estimated from the residuals of the buckets before (anomaly-memo.ts).
   */
  readonly phi: number | null;
  /** The seasonal estimate of the relative variance, used until residuals are there. */
  readonly prior: number;
  /** Values the expectation rests on; its own sampling error inflates the variance. */
  readonly samples: number;
  /** Recent level against the seasonal baseline (1 = as usual). */
  readonly level: number;
}

/** Gives the model of bucket j; may read rows 0..j and the models of buckets before j. */
export type ExpectationModel = (ctx: SeriesContext, j: number, past: ModelHistory) => BucketModel;

export interface ModelHistory {
  readonly mode: readonly BaselineMode[];
  /** Cumulative sums of the seasonal centre and of the values, for the level. */
  readonly cumCentre: Float64Array;
  readonly cumValue: Float64Array;
  /** Buckets the detector alarmed on (they do not set the level). */
  readonly cumAlarm: Float64Array;
  /** Cumulative sums of the centre and of the values over the buckets the detector did not alarm on. */
  readonly cumQuietCentre: Float64Array;
  readonly cumQuietValue: Float64Array;
}

export const MODEL_PARAMS = {
  /**
   * Days whose total/baseline ratios set the level (their median): a club growing 20 % since the
   * baseline weeks is not abnormal for weeks, one bad day cannot drag the level with it, and a
   * sustained change becomes the new normal after 4 of 7 days.
   */
  levelDays: 7,
  /** Days whose ratios give the day-to-day spread of the level (28: three outages in one week must not widen it). */
  spreadDays: 28,
  /** Smallest extra-Poisson relative spread assumed (weather, events): 5 %. */
  minExcess: 0.05,
  /** The weekly centre from the pooled empirical-Bayes fit (pooled.ts) rather than the slot's own median. */
  pooled: process.env.ANOMALY_POOLED !== "0",
  quietBuckets: process.env.ANOMALY_QB !== "0",
  levelSum: process.env.ANOMALY_LSUM === "1",
};

function level(ctx: SeriesContext, j: number, h: ModelHistory): { ratio: number; spread: number } {
  const perDay = Math.max(1, Math.round(DAY / ctx.stepMs));
  const recent: number[] = [];
  const quietRecent: number[] = [];
  const quiet: number[] = [];
  const sums = { v: 0, c: 0, qv: 0, qc: 0 };
  for (let d = 1; d <= MODEL_PARAMS.spreadDays; d++) {
    const end = j - (d - 1) * perDay - 1;
    const start = end - perDay;
    if (start < 0) break;
    const c = (h.cumCentre[end] as number) - (h.cumCentre[start] as number);
    const v = (h.cumValue[end] as number) - (h.cumValue[start] as number);
    if (h.mode[start + 1] === "learning" || c <= 0) continue;
    // The day without its alarmed buckets: a 3 h outage leaves the rest of its day to the level.
    const qc = (h.cumQuietCentre[end] as number) - (h.cumQuietCentre[start] as number);
    const qv = (h.cumQuietValue[end] as number) - (h.cumQuietValue[start] as number);
    const alarmed = MODEL_PARAMS.quietBuckets
      ? qc < c / 2
      : (h.cumAlarm[end] as number) - (h.cumAlarm[start] as number) > 0;
    const q = MODEL_PARAMS.quietBuckets ? qv / qc : v / c;
    if (!alarmed) quiet.push(q);
    if (d > MODEL_PARAMS.levelDays) continue;
    recent.push(v / c);
    sums.v += v;
    sums.c += c;
    if (!alarmed) {
      quietRecent.push(q);
      sums.qv += MODEL_PARAMS.quietBuckets ? qv : v;
      sums.qc += MODEL_PARAMS.quietBuckets ? qc : c;
    }
  }
  if (recent.length < 3) return { ratio: 1, spread: 0 };
  // A day the detector alarmed on is an incident, not the level, while quiet days are the majority.
  // When most recent days alarmed, the level itself moved: they are the new normal.
  const useQuiet = quietRecent.length > recent.length / 2;
  const days = useQuiet ? quietRecent : recent;
  const pooledRatio = useQuiet ? sums.qv / sums.qc : sums.v / sums.c;
  const ratio = Math.min(4, Math.max(0.25, MODEL_PARAMS.levelSum ? pooledRatio : median(days)));
  const spread = quiet.length >= 3 ? madSd(quiet, median(quiet)) / ratio : 0;
  return { ratio, spread };
}

/** The seasonal model: same local hour of past weeks (or days), scaled by the recent level. */
export const seasonalModel: ExpectationModel = (ctx, j, past) => {
  const b = seasonalBaseline(ctx, j);
  if (b.mode === "learning")
    return { mode: "learning", expected: 0, floor: 0, ceiling: 0, phi: null, prior: 0, samples: 0, level: 1 };
  const lvl = b.mode === "weekly" ? level(ctx, j, past) : { ratio: 1, spread: 0 };
  let centre = b.centre;
  if (b.mode === "weekly" && MODEL_PARAMS.pooled) {
    const p = pooledDay(ctx, j, SEASONAL.maxWeeks, SEASONAL.poolMs);
    const c = p.centre[cellOf(ctx.local[j] as number, ctx.stepMs, p.slots)] as number;
    if (!Number.isNaN(c)) centre = c;
  }
  // The same-slot spread already holds Poisson noise (1/centre relative variance); only the excess
  // is over-dispersion. Today's level is uncertain by the day-to-day spread of recent levels; the
  // larger of the two counts (both are estimated from the same days).
  const excess2 = Math.max(b.relSpread ** 2 - 1 / Math.max(b.centre, 1), MODEL_PARAMS.minExcess ** 2);
  const phi = Math.max(excess2, lvl.spread ** 2);
  return {
    mode: b.mode,
    expected: lvl.ratio * centre,
    floor: b.mode === "weekly" ? lvl.ratio * centre : b.min,
    ceiling: b.mode === "weekly" ? lvl.ratio * centre : b.max,
    phi: null,
    prior: phi,
    samples: b.samples,
    level: lvl.ratio,
  };
};

/** The seasonal centre of bucket j (level 1), kept for the level of later buckets. */
export function centreOf(m: BucketModel): number {
  return m.level > 0 ? m.expected / m.level : 0;
}
