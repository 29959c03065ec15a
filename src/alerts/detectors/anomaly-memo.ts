/**
 * Per-bucket numbers of the anomaly detector, filled in index order and reused across buckets.
 * Every entry j depends on rows 0..j only, so reuse can never look ahead.
 */
import { DAY, HOUR, type SeriesContext } from "../series.ts";
import { countZ } from "./count-z.ts";
import { madSd, median } from "./robust.ts";
import { type BaselineMode, seasonalBaseline } from "./seasonal.ts";

export const MEMO_PARAMS = {
  /** Days whose total/baseline ratio sets the level (their median). 14 measured: NAB tweets
   * +0.3, but half of the -50 % days caught drop from 10 to 6 of 20. */
  levelDays: 7,
  /**
   * Days whose ratios give the day-to-day spread of the level. 7 was measured too: a week with
   * three outages (rolling 24 h windows, 3 of 7 ratios at -30 %) widened every band to ±60-90 %
   * and hid the next outage (noisy mall 85 % → 90 % caught within 2 buckets with 28); NAB nyc_taxi
   * 3.66 → 3.93, KO false alerts 8 → 3.
   */
  spreadDays: 28,
  /** Expected counts below this are treated as this: one usage at night is not news. */
  minRate: 0.5,
  /** Length of the window whose sum is tested (at least 3 buckets). */
  windowMs: 6 * HOUR,
  /** Smallest extra-Poisson relative spread assumed. */
  minExcess: 0.05,
};

/**
 * Highs of one local day, for the record threshold of the high side (the low side keeps fixed
 * thresholds so that past outages cannot hide the next one).
 */
export interface DayExtremes {
  uMax: number;
  wMax: number;
}

export interface AnomalyMemo {
  filled: number;
  readonly windowBuckets: number;
  readonly mode: BaselineMode[];
  readonly centre: Float64Array;
  readonly expected: Float64Array;
  readonly variance: Float64Array;
  readonly relSpread: Float64Array;
  /** Standardised residual of the bucket, and of the window sum ending at it. */
  readonly u: Float64Array;
  /**
   * Low-side evidence of this bucket and the one before, their z combined (Stouffer) when both are
   * low: an outage is low bucket after bucket, a spiky series' quiet bucket is alone.
   */
  readonly low2: Float64Array;
  readonly wz: Float64Array;
  readonly cumValue: Float64Array;
  readonly cumCentre: Float64Array;
  readonly cumExpected: Float64Array;
  /** Local day number → extremes of that day's residuals (the newest day is partial). */
  readonly days: Map<number, DayExtremes>;
}

export function anomalyMemo(ctx: SeriesContext): AnomalyMemo {
  let m = ctx.memo.get("anomaly") as AnomalyMemo | undefined;
  if (m === undefined) {
    const n = ctx.times.length;
    const f = () => new Float64Array(n);
    m = {
      filled: 0,
      windowBuckets: Math.max(3, Math.round(MEMO_PARAMS.windowMs / ctx.stepMs)),
      mode: [],
      centre: f(),
      expected: f(),
      variance: f(),
      relSpread: f(),
      u: f(),
      low2: f(),
      wz: f(),
      cumValue: f(),
      cumCentre: f(),
      cumExpected: f(),
      days: new Map(),
    };
    ctx.memo.set("anomaly", m);
  }
  return m;
}

/**
 * The level: median over the last `levelDays` days of (day's total / its baseline total), so a
 * club growing 20 % since the baseline weeks is not "abnormal" for weeks, while one bad day
 * (an outage, a holiday) cannot drag the level down with it.
 */
function level(m: AnomalyMemo, ctx: SeriesContext, i: number): { ratio: number; spread: number } {
  const perDay = Math.max(1, Math.round(DAY / ctx.stepMs));
  const ratios: number[] = [];
  let recent = 0;
  const days = Math.max(MEMO_PARAMS.levelDays, MEMO_PARAMS.spreadDays);
  for (let d = 1; d <= days; d++) {
    const end = i - (d - 1) * perDay - 1;
    const start = end - perDay;
    if (start < 0) break;
    const c = (m.cumCentre[end] as number) - (m.cumCentre[start] as number);
    const v = (m.cumValue[end] as number) - (m.cumValue[start] as number);
    if (m.mode[start + 1] === "learning" || c <= 0) continue;
    ratios.push(v / c);
    if (d <= MEMO_PARAMS.levelDays) recent++;
  }
  if (recent < 3) return { ratio: 1, spread: 0 };
  const ratio = Math.min(4, Math.max(0.25, median(ratios.slice(0, recent))));
  const all = MEMO_PARAMS.spreadDays > MEMO_PARAMS.levelDays ? ratios : ratios.slice(0, recent);
  // Today's level is unknown: it varies from day to day as much as past days' levels did.
  return { ratio, spread: madSd(all, median(all)) / ratio };
}

/**
 * The window sum against its expected sum. Deviations from one week to the next move whole
 * afternoons together, so the spread of the sum is taken as fully correlated (r × sum) plus Poisson
 * noise: a -50 % day stands out, a run of slightly low hours does not.
 */
function windowZ(m: AnomalyMemo, j: number): number {
  const start = j - m.windowBuckets;
  // The 7-day fallback mixes weekdays and weekends, far too loosely for sums over hours.
  if (start < 0 || m.mode[j] !== "weekly" || m.mode[start + 1] === "learning") return 0;
  const expected = (m.cumExpected[j] as number) - (m.cumExpected[start] as number);
  const value = (m.cumValue[j] as number) - (m.cumValue[start] as number);
  const r = m.relSpread[j] as number;
  const mean = Math.max(expected, MEMO_PARAMS.minRate);
  return countZ(value, mean, mean + (r * expected) ** 2);
}

export function fillMemo(m: AnomalyMemo, ctx: SeriesContext, upTo: number): void {
  for (let j = m.filled; j <= upTo; j++) {
    const b = seasonalBaseline(ctx, j);
    const y = ctx.values[j] as number;
    const lvl = b.mode === "weekly" ? level(m, ctx, j) : { ratio: 1, spread: 0 };
    const e = lvl.ratio * b.centre;
    // The same-slot spread already holds Poisson noise (1/√centre relative); only the excess is
    // extra-Poisson variation, at least 5 % (weather, events). Today's level is uncertain by the
    // day-to-day spread of recent levels; the larger of the two counts (both hold the same days).
    const poissonRel2 = 1 / Math.max(b.centre, 1);
    const excess2 = Math.max(b.relSpread ** 2 - poissonRel2, MEMO_PARAMS.minExcess ** 2);
    const relSpread = Math.max(Math.sqrt(excess2), lvl.spread);
    const spread = relSpread * e;
    m.mode[j] = b.mode;
    m.centre[j] = b.centre;
    m.expected[j] = e;
    m.relSpread[j] = relSpread;
    // The median of n samples is itself uncertain by about 1.25·sd/√n.
    const inflate = 1 + 1.57 / Math.max(1, b.samples);
    const variance = (Math.max(e, MEMO_PARAMS.minRate) + spread * spread) * inflate;
    m.variance[j] = variance;
    m.cumValue[j] = (j > 0 ? (m.cumValue[j - 1] as number) : 0) + y;
    m.cumCentre[j] = (j > 0 ? (m.cumCentre[j - 1] as number) : 0) + b.centre;
    m.cumExpected[j] = (j > 0 ? (m.cumExpected[j - 1] as number) : 0) + e;
    if (b.mode === "learning") continue;
    const u = countZ(y, Math.max(e, MEMO_PARAMS.minRate), variance);
    const wz = windowZ(m, j);
    const prev = j > 0 && m.mode[j - 1] !== "learning" ? (m.u[j - 1] as number) : 0;
    const low2 = u < 0 && prev < 0 ? (u + prev) / Math.SQRT2 : 0;
    m.u[j] = u;
    m.low2[j] = low2;
    m.wz[j] = wz;
    const day = Math.floor((ctx.local[j] as number) / DAY);
    const x = m.days.get(day);
    if (x === undefined) m.days.set(day, { uMax: u, wMax: wz });
    else {
      x.uMax = Math.max(x.uMax, u);
      x.wMax = Math.max(x.wMax, wz);
    }
  }
  m.filled = Math.max(m.filled, upTo + 1);
}
