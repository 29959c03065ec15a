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
import { type SeriesContext, WEEK } from "../series.ts";
import { type BucketModel, centreOf, type ExpectationModel, seasonalModel } from "./anomaly-model.ts";
import { alarmThreshold } from "./budget.ts";
import { logTailP } from "./count-tail.ts";
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
  /** Σ expected·√φ: the fully correlated part of a window's spread. */
  readonly cumShared: Float64Array;
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
      cumShared: f(),
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
  const model = m.model[j] as BucketModel;
  // The expectation is a median of `samples` values: its own error (1.57·σ²/n) adds to the variance.
  const inflate = 1 + 1.57 / Math.max(1, model.samples);
  for (const w of m.windows) {
    const start = j - w + 1;
    if (w > maxBuckets || start < from || m.mode[start] === "learning") break;
    const expected = at(m.cumExpected, j) - at(m.cumExpected, start - 1);
    if (expected < MIN_WINDOW_EXPECTED) continue;
    const observed = at(m.cumValue, j) - at(m.cumValue, start - 1);
    const shared = at(m.cumShared, j) - at(m.cumShared, start - 1);
    const variance = (expected + shared * shared) * inflate;
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
  m.cumShared[j] = at(m.cumShared, j - 1) + b.expected * Math.sqrt(b.phi);
  m.cumActive[j] = at(m.cumActive, j - 1) + (b.mode !== "learning" && b.expected > 0 ? 1 : 0);
}

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
  }
  m.filled = Math.max(m.filled, upTo + 1);
}
