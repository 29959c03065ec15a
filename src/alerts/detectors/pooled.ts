/**
 * The seasonal centre of each time of the week, borrowing strength across days (empirical Bayes).
 * At 2 usages an hour the median of one hour-of-week over 3–8 weeks is mostly noise (0, 1, 3, 2…),
 * and the detector can only be as good as its expectation. Most of what a time of the week looks
 * like is shared: the day's level (a Saturday is busier) times the time-of-day shape (lunch, after
 * work). So, once a day, from the last weeks of history before today:
 *  1. each cell (weekday × time of day) gets its own mean, of values clipped to its median ± 3 sd
 *     (a past outage or spike moves it little);
 *  2. a Poisson main-effects fit, weekday × time of day, over the open cells (iterative proportional
 *     fitting; a cell whose whole history is zero is closed, and stays exactly 0);
 *  3. each cell's own mean is shrunk toward the fit by the usual normal-normal weight
 *     τ² / (τ² + v): v its sampling variance (D · fit / n, D the series' robust variance-to-mean
 *     ratio: 1 for Poisson, 0 for a series that never varies, whose cells are kept as they are), τ²
 *     the between-cell variance of the true cell means around the fit (relative, by moments).
 * A series whose weekday × hour interaction is real and well measured (taxi rush hours on weekdays,
 * not weekends) keeps its own cells (τ² large, v small); a small offer whose days share one shape
 * borrows from all of them. No parameter is tuned: the weight is estimated from the series itself.
 * The fit for day D reads only buckets before D's local midnight, and not those the detector
 * alarmed on (when it passes its history): the clip does not reach a past incident at moderate
 * counts (a Saturday peak at ×0.6 is 2.3 sd of a cell of 40, a past outage at 8 an hour 2.7 sd), so
 * each one pulled its cells by 1/n of its depth for 8 weeks. Measured with the same scan on series
 * with incidents (bench/anomaly-variance-audit.ts, mall seeds 100-123): quiet Saturday 12-16 windows
 * were expected 4-5 % low at 30-90 an hour (0.1-0.9 % on the same series without incidents); 2.3 %
 * at 90 an hour with the alarmed buckets left out (missed peaks the detector did not catch still
 * pull). Caught / oracle-caught at 2/8/30/90/200 an hour 131/265/313/322/326 → 138/269/313/325/324
 * (of 167/308/333/335/334), false alerts 0.071 a week either way; NAB per file (anomaly-fp) nyc_taxi
 * 2.46 → 2.66, GOOG 2.54 → 2.32, IBM 0.91 → 1.02, KO 2.39. Clipping at 2 or 1.5 sd instead of
 * leaving them out did not help (127-128 caught at 2 an hour, the rest within ±2).
 */
import { DAY, type SeriesContext, WEEK } from "../series.ts";
import { median } from "./robust.ts";
import { cumAt } from "./scan-windows.ts";

/** Sweeps of iterative proportional fitting (one suffices without closed cells; they need a few more). */
const IPF_SWEEPS = 12;
/** Values beyond the cell median ± this many sd are clipped before the cell mean. */
const CLIP_SD = 3;

export interface PooledDay {
  /** Centre of each cell (weekday × slot of day), NaN where the cell has no history. */
  readonly centre: Float64Array;
  readonly slots: number;
}

interface PooledMemo {
  readonly days: Map<number, PooledDay>;
}

/** Cell of a local time: (local day mod 7) × slots + slot of day. */
export function cellOf(localMs: number, stepMs: number, slots: number): number {
  const day = Math.floor(localMs / DAY);
  const slot = Math.min(slots - 1, Math.floor((localMs - day * DAY) / stepMs));
  return (((day % 7) + 7) % 7) * slots + slot;
}

/** First index whose local time is ≥ t (local times are increasing but for a repeated DST hour). */
function firstAtOrAfter(ctx: SeriesContext, t: number, hi: number): number {
  let lo = 0;
  let h = hi;
  while (lo < h) {
    const mid = (lo + h) >> 1;
    if ((ctx.local[mid] as number) < t) lo = mid + 1;
    else h = mid;
  }
  return lo;
}

/**
 * The pooled centres for the local day of bucket j, from up to `weeks` weeks before that day's
 * midnight, without the buckets `history` alarmed on; computed once a day and kept (per history:
 * two rules on one series alarm on different buckets).
 */
export function pooledDay(
  ctx: SeriesContext,
  j: number,
  weeks: number,
  poolMs: number,
  history?: { readonly cumAlarm: Float64Array },
): PooledDay {
  let byHistory = ctx.memo.get("pooled-centre") as WeakMap<object, PooledMemo> | undefined;
  if (byHistory === undefined) {
    byHistory = new WeakMap();
    ctx.memo.set("pooled-centre", byHistory);
  }
  const owner = history ?? ctx;
  let memo = byHistory.get(owner);
  if (memo === undefined) {
    memo = { days: new Map() };
    byHistory.set(owner, memo);
  }
  const day = Math.floor((ctx.local[j] as number) / DAY);
  let p = memo.days.get(day);
  if (p === undefined) {
    p = fitDay(ctx, j, day * DAY, weeks, poolMs, history?.cumAlarm);
    memo.days.set(day, p);
  }
  return p;
}

function fitDay(
  ctx: SeriesContext,
  j: number,
  dayStart: number,
  weeks: number,
  poolMs: number,
  cumAlarm?: Float64Array,
): PooledDay {
  const step = ctx.stepMs;
  const slots = Math.max(1, Math.round(DAY / step));
  const cells = 7 * slots;
  const values: number[][] = Array.from({ length: cells }, () => []);
  const from = firstAtOrAfter(ctx, dayStart - weeks * WEEK, j);
  for (let i = from; i < j; i++) {
    const t = ctx.local[i] as number;
    if (t >= dayStart) continue;
    if (cumAlarm !== undefined && cumAt(cumAlarm, i) > cumAt(cumAlarm, i - 1)) continue;
    (values[cellOf(t, step, slots)] as number[]).push(ctx.values[i] as number);
  }
  // A robust variance-to-mean ratio D over all cells (the median of the cells' MAD² / median; 1 for
  // Poisson, more when over-dispersed, 0 for a series that never varies), for the clipping and the
  // sampling variance of the cell means.
  const meds = new Float64Array(cells);
  const ratios: number[] = [];
  for (let c = 0; c < cells; c++) {
    const xs = values[c] as number[];
    if (xs.length === 0) continue;
    const m = median(xs);
    meds[c] = m;
    if (m > 0 && xs.length >= 3) {
      const mad = 1.4826 * median(xs.map((x) => Math.abs(x - m)));
      ratios.push((mad * mad) / m);
    }
  }
  const dispersion = ratios.length > 0 ? median(ratios) : 1;
  const sum = new Float64Array(cells);
  const count = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    const xs = values[c] as number[];
    const m = meds[c] as number;
    const sd = Math.sqrt(Math.max(1, dispersion * m));
    for (const x of xs) sum[c] += Math.min(m + CLIP_SD * sd, Math.max(m - CLIP_SD * sd, x));
    count[c] = xs.length;
  }
  const open = (c: number) => (count[c] as number) > 0 && (sum[c] as number) > 0;
  const mean = (c: number) => (sum[c] as number) / (count[c] as number);
  // Main effects over the open cells: fitted = row[d] · col[s], matching the row and column totals
  // of the cell means (the Poisson maximum-likelihood fit of the quasi-independence model).
  const rowTotal = new Float64Array(7);
  const colTotal = new Float64Array(slots);
  for (let c = 0; c < cells; c++) {
    if (!open(c)) continue;
    rowTotal[Math.floor(c / slots)] += mean(c);
    colTotal[c % slots] += mean(c);
  }
  const row = new Float64Array(7).fill(1);
  const col = new Float64Array(slots).fill(1);
  for (let sweep = 0; sweep < IPF_SWEEPS; sweep++) {
    for (let d = 0; d < 7; d++) {
      let s = 0;
      for (let k = 0; k < slots; k++) if (open(d * slots + k)) s += col[k] as number;
      row[d] = s > 0 ? (rowTotal[d] as number) / s : 0;
    }
    for (let k = 0; k < slots; k++) {
      let s = 0;
      for (let d = 0; d < 7; d++) if (open(d * slots + k)) s += row[d] as number;
      col[k] = s > 0 ? (colTotal[k] as number) / s : 0;
    }
  }
  // Own and fitted values, pooled over ±poolMs of neighbouring slots (as the same-slot median was).
  const pool = Math.floor(poolMs / step);
  const own = new Float64Array(cells).fill(Number.NaN);
  const fitted = new Float64Array(cells);
  const n = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    if (count[c] === 0) continue;
    if (!open(c)) {
      own[c] = 0;
      continue;
    }
    let s = 0;
    let k = 0;
    let f = 0;
    let opened = 0;
    for (let o = -pool; o <= pool; o++) {
      const q = (((c + o) % cells) + cells) % cells;
      if (count[q] === 0) continue;
      s += sum[q] as number;
      k += count[q] as number;
      if (open(q)) {
        f += (row[Math.floor(q / slots)] as number) * (col[q % slots] as number);
        opened++;
      }
    }
    own[c] = s / k;
    fitted[c] = opened > 0 ? f / opened : 0;
    n[c] = k;
  }
  // τ²: the relative between-cell variance left after the sampling variance, weighted by the fit.
  let num = 0;
  let den = 0;
  for (let c = 0; c < cells; c++) {
    const f = fitted[c] as number;
    if (!(f > 0) || Number.isNaN(own[c] as number) || own[c] === 0) continue;
    const v = (dispersion * f) / (n[c] as number);
    const r = (own[c] as number) - f;
    num += (r * r - v) / f;
    den += f;
  }
  const tau2 = den > 0 ? Math.max(0, num / den) : 0;
  const centre = new Float64Array(cells).fill(Number.NaN);
  for (let c = 0; c < cells; c++) {
    const o = own[c] as number;
    if (Number.isNaN(o)) continue;
    const f = fitted[c] as number;
    if (o === 0 || !(f > 0)) {
      centre[c] = o;
      continue;
    }
    const v = (dispersion * f) / (n[c] as number) / (f * f);
    // A cell whose history never varies is what it is.
    const w = v === 0 ? 1 : tau2 / (tau2 + v);
    centre[c] = f + w * (o - f);
  }
  return { centre, slots };
}
