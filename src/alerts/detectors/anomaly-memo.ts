/**
 * Per-bucket numbers of the anomaly detector, filled in index order and reused across buckets
 * (entry j depends on rows 0..j only, so reuse never looks ahead): the count model of each bucket,
 * cumulative sums for O(1) window sums, and the scan's verdicts.
 *
 * The scan (Kulldorff-style, on counts): for every window of 1 bucket up to `maxWindowMs` ending at
 * the judged bucket, the observed sum against the expected sum, judged by its tail probability under
 * a negative binomial whose over-dispersion is fully shared within the window (a bad day moves all
 * its hours together). The score is the largest −log p. Like a CUSUM it restarts after an alarm:
 * once the last buckets are calm again, windows no longer reach back into the deviation that was
 * reported, so an outage that ended is not reported again from the 48 h window that still holds it.
 */
import type { Direction, Sensitivity } from "../rule.ts";
import { DAY, type SeriesContext, WEEK } from "../series.ts";
import { type BucketModel, centreOf, type ExpectationModel, seasonalModel } from "./anomaly-model.ts";
import { alarmThreshold } from "./budget.ts";
import { logTailP } from "./count-tail.ts";
import { madSd, median } from "./robust.ts";
import { scanWindows } from "./scan-windows.ts";
import type { BaselineMode } from "./seasonal.ts";

export interface ScanOptions {
  readonly sensitivity: Sensitivity;
  readonly direction: Direction;
  /** Longest window summed. */
  readonly maxWindowMs: number;
  /** False alerts a week the thresholds allow under the fitted model, by sensitivity. */
  readonly budget: Record<Sensitivity, number>;
  readonly model: ExpectationModel;
}

export const SCAN_DEFAULTS: Omit<ScanOptions, "sensitivity" | "direction"> = {
  maxWindowMs: 48 * 3_600_000,
  budget: { low: 0.05, medium: 0.25, high: 1 },
  model: seasonalModel,
};

/** A window whose expected sum is below this says nothing either way (closed hours, nights). */
export const MIN_WINDOW_EXPECTED = 1;
/** Windows of up to this many buckets decide whether the series is calm again. */
const SHORT_WINDOW = 2;

/** The most extreme window of one side: its score (−log p) and length in buckets. */
export interface SideScan {
  readonly score: number;
  readonly buckets: number;
  readonly observed: number;
  readonly expected: number;
}

const NONE: SideScan = { score: 0, buckets: 0, observed: 0, expected: 0 };

export interface AnomalyMemo {
  filled: number;
  readonly opts: ScanOptions;
  readonly windows: readonly number[];
  readonly model: BucketModel[];
  readonly mode: BaselineMode[];
  readonly cumCentre: Float64Array;
  readonly cumValue: Float64Array;
  readonly cumExpected: Float64Array;
  /** Cumulative floors and ceilings (see BucketModel): what each side's test expects. */
  readonly cumFloor: Float64Array;
  readonly cumCeiling: Float64Array;
  /** Σ expected²: with φ of single buckets, the independent part of a window's variance. */
  readonly cumSquare: Float64Array;
  /** Residual moments of judged buckets ((y−e)² − e, capped; and e²), for φ of single buckets. */
  readonly cumResidual: Float64Array;
  readonly cumResidualWeight: Float64Array;
  /** Buckets the detector alarmed on, left out of the spread's estimate. */
  readonly cumAlarm: Float64Array;
  /** Over-dispersion of a single bucket, and the part of it a whole day shares (see fillPhi). */
  readonly phiBucket: Float64Array;
  readonly phiShared: Float64Array;
  /** Buckets that can be judged (expected > 0), for the false-alarm budget's buckets a week. */
  readonly cumActive: Float64Array;
  readonly threshold: Float64Array;
  readonly low: SideScan[];
  readonly high: SideScan[];
  /** Largest score of the windows of up to 2 buckets. */
  readonly short: Float64Array;
  /** First bucket windows may reach back to (after the last alarm, once calm). */
  readonly anchor: Int32Array;
  /** The detector's own alarm is on after bucket j (breached, not yet calm). */
  readonly alarm: Uint8Array;
  /** Bucket at which the current (or the last) alarm began; -1 before any. */
  readonly alarmStart: Int32Array;
}

export function anomalyMemo(ctx: SeriesContext, opts: ScanOptions): AnomalyMemo {
  const key = `anomaly:${opts.sensitivity}:${opts.direction}:${opts.maxWindowMs}:${opts.budget[opts.sensitivity]}`;
  let m = ctx.memo.get(key) as AnomalyMemo | undefined;
  if (m === undefined) {
    const n = ctx.times.length;
    const f = () => new Float64Array(n);
    m = {
      filled: 0,
      opts,
      windows: scanWindows(ctx.stepMs, opts.maxWindowMs),
      model: [],
      mode: [],
      cumCentre: f(),
      cumValue: f(),
      cumExpected: f(),
      cumFloor: f(),
      cumCeiling: f(),
      cumSquare: f(),
      cumResidual: f(),
      cumResidualWeight: f(),
      cumAlarm: f(),
      phiBucket: f(),
      phiShared: f(),
      cumActive: f(),
      threshold: f(),
      low: [],
      high: [],
      short: f(),
      anchor: new Int32Array(n),
      alarm: new Uint8Array(n),
      alarmStart: new Int32Array(n).fill(-1),
    };
    ctx.memo.set(key, m);
  }
  return m;
}

const at = (a: Float64Array, i: number) => (i < 0 ? 0 : (a[i] as number));

/** The most extreme window ending at j, starting no earlier than `from`, of windows ≤ maxBuckets. */
function scanSide(m: AnomalyMemo, j: number, from: number, upper: boolean, maxBuckets: number): SideScan {
  let best = NONE;
  const phiShared = m.phiShared[j] as number;
  const phiOwn = Math.max(0, (m.phiBucket[j] as number) - phiShared);
  for (const w of m.windows) {
    const start = j - w + 1;
    if (w > maxBuckets || start < from || m.mode[start] === "learning") break;
    const cum = upper ? m.cumCeiling : m.cumFloor;
    const expected = at(cum, j) - at(cum, start - 1);
    if (expected < MIN_WINDOW_EXPECTED) continue;
    const observed = at(m.cumValue, j) - at(m.cumValue, start - 1);
    const square = at(m.cumSquare, j) - at(m.cumSquare, start - 1);
    const variance = expected + phiOwn * square + phiShared * expected * expected;
    const score = -logTailP(observed, expected, variance, upper);
    if (score > best.score) best = { score, buckets: w, observed, expected };
  }
  return best;
}

function fillModel(m: AnomalyMemo, ctx: SeriesContext, j: number): void {
  const b = m.opts.model(ctx, j, m);
  const y = ctx.values[j] as number;
  m.model[j] = b;
  m.mode[j] = b.mode;
  m.cumValue[j] = at(m.cumValue, j - 1) + y;
  m.cumCentre[j] = at(m.cumCentre, j - 1) + centreOf(b);
  m.cumExpected[j] = at(m.cumExpected, j - 1) + b.expected;
  m.cumFloor[j] = at(m.cumFloor, j - 1) + b.floor;
  m.cumCeiling[j] = at(m.cumCeiling, j - 1) + b.ceiling;
  m.cumSquare[j] = at(m.cumSquare, j - 1) + b.expected * b.expected;
  m.cumActive[j] = at(m.cumActive, j - 1) + (b.mode !== "learning" && b.expected > 0 ? 1 : 0);
  fillPhi(m, ctx, j, b);
}

/**
 * Adds bucket j's residual for the buckets after it, unless the detector alarmed on it: past
 * outages and spikes are not the series' ordinary spread (Farrington's down-weighting of past
 * outbreaks, in its simplest form).
 */
function addResidual(m: AnomalyMemo, ctx: SeriesContext, j: number): void {
  const b = m.model[j] as BucketModel;
  const y = ctx.values[j] as number;
  const alarmed = m.alarm[j] === 1;
  let a = 0;
  let w = 0;
  // Residuals of the daily fallback (weekdays and weekends mixed) say nothing about the weekly model.
  if (b.mode === "weekly" && b.expected > 0 && !alarmed) {
    const e = b.expected;
    // Capped at 5 sd of a generous model (φ 0.04), so one missed outage cannot pass for spread.
    a = Math.min((y - e) ** 2, 25 * (e + 0.04 * e * e)) - e;
    w = e * e;
  }
  m.cumResidual[j] = at(m.cumResidual, j - 1) + a;
  m.cumResidualWeight[j] = at(m.cumResidualWeight, j - 1) + w;
  m.cumAlarm[j] = at(m.cumAlarm, j - 1) + (alarmed ? 1 : 0);
}

/** Days of residuals φ is estimated from, and how many are needed before the seasonal prior is left. */
const PHI_DAYS = 28;
const PHI_MIN_DAYS = 7;

/**
 * φ from the series' own history, as the residuals against this detector's own expectations show
 * it (so the error of the expectation itself is in it):
 *  - a single bucket: the moment estimator Σ((y−e)² − e) / Σe² over the last 28 days;
 *  - shared by a day: the robust spread (MAD) of the last 28 daily ratios observed/expected, less
 *    their Poisson part. A bad day moves all its hours together, so this part of the variance grows
 *    with the square of a window's sum; the rest only with the sum of squares of its buckets.
 */
function fillPhi(m: AnomalyMemo, ctx: SeriesContext, j: number, b: BucketModel): void {
  if (b.phi !== null) {
    m.phiBucket[j] = b.phi;
    m.phiShared[j] = b.phi;
    return;
  }
  const perDay = Math.max(1, Math.round(DAY / ctx.stepMs));
  const from = Math.max(0, j - PHI_DAYS * perDay);
  const weight = at(m.cumResidualWeight, j - 1) - at(m.cumResidualWeight, from - 1);
  const ratios: number[] = [];
  let expectedDays = 0;
  for (let d = 1; d <= PHI_DAYS; d++) {
    const end = j - (d - 1) * perDay - 1;
    const start = end - perDay + 1;
    if (start < 0 || m.mode[start] !== "weekly") break;
    const e = at(m.cumExpected, end) - at(m.cumExpected, start - 1);
    const alarmed = at(m.cumAlarm, end) - at(m.cumAlarm, start - 1) > 0;
    if (e < MIN_WINDOW_EXPECTED || alarmed) continue;
    ratios.push((at(m.cumValue, end) - at(m.cumValue, start - 1)) / e);
    expectedDays += e;
  }
  if (ratios.length < PHI_MIN_DAYS || weight <= 0) {
    m.phiBucket[j] = b.prior;
    m.phiShared[j] = b.prior;
    return;
  }
  const residual = at(m.cumResidual, j - 1) - at(m.cumResidual, from - 1);
  const bucket = Math.max(MIN_PHI, residual / weight);
  const centre = median(ratios);
  const spread = madSd(ratios, centre);
  const poisson = ratios.length / expectedDays;
  const shared = Math.min(bucket, Math.max(MIN_PHI, spread * spread - poisson));
  m.phiBucket[j] = bucket;
  m.phiShared[j] = shared;
}

/** No series is steadier than ±2 % from one day to the next (holidays, weather). */
const MIN_PHI = 0.02 ** 2;

export function fillMemo(m: AnomalyMemo, ctx: SeriesContext, upTo: number): void {
  const week = Math.max(1, Math.round(WEEK / ctx.stepMs));
  const wantLow = m.opts.direction !== "high";
  const wantHigh = m.opts.direction !== "low";
  const sides = wantLow && wantHigh ? 2 : 1;
  for (let j = m.filled; j <= upTo; j++) {
    fillModel(m, ctx, j);
    const prevAlarm = j > 0 && m.alarm[j - 1] === 1;
    let anchor = j > 0 ? (m.anchor[j - 1] as number) : 0;
    m.alarmStart[j] = j > 0 ? (m.alarmStart[j - 1] as number) : -1;
    if (m.mode[j] === "learning") {
      m.low[j] = NONE;
      m.high[j] = NONE;
      m.anchor[j] = j + 1;
      addResidual(m, ctx, j);
      continue;
    }
    // Buckets a week that can be judged: a mall open 63 of 168 hours spends its budget on those.
    const active = Math.max(1, at(m.cumActive, j) - at(m.cumActive, j - week));
    const h = alarmThreshold(m.opts.budget[m.opts.sensitivity], active, sides, m.windows.length);
    m.threshold[j] = h;
    const shortOf = (from: number) =>
      Math.max(
        wantLow ? scanSide(m, j, from, false, SHORT_WINDOW).score : 0,
        wantHigh ? scanSide(m, j, from, true, SHORT_WINDOW).score : 0,
      );
    let short = shortOf(anchor);
    let alarm = prevAlarm;
    if (prevAlarm && short < h / 2) {
      // Calm again: restart the windows here, as a CUSUM restarts after its alarm.
      anchor = j;
      alarm = false;
      short = shortOf(anchor);
    }
    const low = wantLow ? scanSide(m, j, anchor, false, Number.POSITIVE_INFINITY) : NONE;
    const high = wantHigh ? scanSide(m, j, anchor, true, Number.POSITIVE_INFINITY) : NONE;
    if (Math.max(low.score, high.score) >= h) {
      if (!alarm) m.alarmStart[j] = j;
      alarm = true;
    }
    m.low[j] = low;
    m.high[j] = high;
    m.short[j] = short;
    m.anchor[j] = anchor;
    m.alarm[j] = alarm ? 1 : 0;
    addResidual(m, ctx, j);
  }
  m.filled = Math.max(m.filled, upTo + 1);
}
