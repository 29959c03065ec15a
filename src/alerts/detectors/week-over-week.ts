/**
 * Window sums of the last days against the same sums one and two weeks before (local time, so
 * DST-correct): the residuals of a seasonal-naive forecast, which exist the day the weekly model
 * starts (3 weeks of history), a week before the weekly model has residuals of its own. The spread
 * of the anomaly scan is estimated from them in that first week (window-spread.ts, fillPhi).
 */
import { type SeriesContext, WEEK } from "../series.ts";
import { cumAt } from "./scan-windows.ts";

export interface WindowSums {
  readonly ys: number[];
  readonly es: number[];
}

/**
 * Sums of `w` buckets ending at k = j−1, j−1−stride, … no earlier than `from`, each with the mean of
 * the same sums 1 and 2 weeks before as its expectation. `cum` holds cumulative values; `skip(k)`
 * leaves a sum out (one the detector alarmed on).
 */
export function weekOverWeekSums(
  ctx: SeriesContext,
  cum: Float64Array,
  j: number,
  from: number,
  w: number,
  stride: number,
  minExpected: number,
  skip: (k: number) => boolean,
): WindowSums {
  const sum = (k: number) => cumAt(cum, k) - cumAt(cum, k - w);
  const ys: number[] = [];
  const es: number[] = [];
  for (let k = j - 1; k - w + 1 >= from; k -= stride) {
    const local = ctx.local[k] as number;
    const k1 = ctx.indexAtLocal(local - WEEK);
    const k2 = ctx.indexAtLocal(local - 2 * WEEK);
    if (k1 === undefined || k2 === undefined || k2 - w + 1 < 0) continue;
    const e = (sum(k1) + sum(k2)) / 2;
    if (e < minExpected || skip(k)) continue;
    ys.push(sum(k));
    es.push(e);
  }
  return { ys, es };
}
