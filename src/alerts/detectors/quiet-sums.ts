/**
 * Which buckets the anomaly detector's later models read as quiet (anomaly-memo.ts): the alarms it
 * counts, and the cumulative sums of the centre and the values over the buckets neither alarmed on
 * nor suspect, which the level is made of (anomaly-model.ts). A suspect window's earlier buckets are
 * marked when it ends, and their sums rewritten then; only models after it read them.
 */
import type { SeriesContext } from "../series.ts";
import type { AnomalyMemo } from "./anomaly-memo.ts";
import type { SideScan } from "./scan-side.ts";
import { cumAt as at } from "./scan-windows.ts";

/** Counts bucket j's alarm for the days after it. */
export function addAlarm(m: AnomalyMemo, ctx: SeriesContext, j: number): void {
  m.cumAlarm[j] = at(m.cumAlarm, j - 1) + (m.alarm[j] === 1 ? 1 : 0);
  recount(m, ctx, j, j);
}

/** The cumulative sums of buckets from..to over the buckets neither alarmed on nor suspect. */
function recount(m: AnomalyMemo, ctx: SeriesContext, from: number, to: number): void {
  for (let i = from; i <= to; i++) {
    const out = m.alarm[i] === 1 || m.suspect[i] === 1;
    const centre = at(m.cumCentre, i) - at(m.cumCentre, i - 1);
    m.cumQuietCentre[i] = at(m.cumQuietCentre, i - 1) + (out ? 0 : centre);
    m.cumQuietValue[i] = at(m.cumQuietValue, i - 1) + (out ? 0 : (ctx.values[i] as number));
  }
}

/**
 * Marks the buckets of bucket j's best low window (one that shows the smallest change worth an
 * alert) suspect when it scores at least ScanOptions.suspectRatio of the low threshold: the level
 * of later buckets (anomaly-model.ts) leaves them out, as it leaves out the buckets alarmed on. The
 * window's earlier buckets are marked only now, so every model still reads what was known at its
 * own bucket.
 * Past outages and slow days the detector did not alarm on pulled the expectation down: at 2
 * usages an open hour our expected sum was 0.944 of the true rate's (centre 0.923 × level 1.023;
 * 0.996 on the same series without incidents), 0.972 at 8 (bench/anomaly-mall-diagnose.ts, mall
 * seeds 100-111). With 0.6: 1.010 and 1.014 (1.038 and 1.012 without incidents); with 0.7: 0.995
 * and 1.000 (1.015, 0.999). Mall seeds 100-123, caught / oracle-caught at 2/8/30/90/200 an hour
 * (of 167/307/335/335/335), false alerts a week:
 *   none  138/269/312/325/330, 0.062
 *   0.8   144/277/315/325/331, 0.064
 *   0.7   148/276/315/325/332, 0.063
 *   0.6   152/290/318/325/332, 0.070
 *   0.5   150/283/325/323/332, 0.066
 * Outages and -50 % days gain (at 2 an hour 67 → 82 and 22 → 27 of the oracle's 88 and 29), 1 h
 * bursts of 3× lose (44 → 38 of 49): the expectation too low had helped them.
 * Not the pooled centre: left out of it too (0.5-0.8) the mall caught about as much (148/279/314/
 * 324/332 with 0.7), but a club's irregular closing hour fed itself: its zeros were suspect, the
 * centre of those hours rose, and more windows there were suspect, then alarmed (the simulator's
 * club totals of bench/anomaly-injected.ts: 12 false alerts in 8 series instead of 3). Left out of
 * the centre alone it lost at 2 an hour (129-135 caught for 0.5-0.8). Not the spread either
 * (window-spread.ts reads the alarms only): leaving the suspect low windows out of φ too caught
 * more on the mall (153/292/325/325/333 on seeds 100-123; seeds 1-8 94/94/97/96/99 % of the
 * oracle) but broke the budget's promise where over-dispersion is real: on a stationary
 * negative binomial (φ 0.01 shared by each day, test/alerts/detectors/false-alarm-budget.test.ts)
 * the low days ARE the dispersion, and without them φ came out small: 73 false alarms in 36 weeks
 * at a budget of 1 a week (55 allowed); leaving out both sides' suspect windows failed the same
 * way. Earlier, windows that scored 0.7 of the threshold on either side, left out of φ, made φ too
 * small for NAB's tweet bursts (IBM 0.91, KO 2.06).
 * With a CUSUM restart of the level (two-sided, on calendar-day log ratios, k 1 sd, h 3.5: 8×
 * fewer false restarts on clean malls) and a level memory that reads the 7-day median when it
 * predicted the last 28 days better, it caught no more (151/276/317/324/331); with the CUSUM alone
 * a steady Poisson at 2 an hour met 1 false alert in 18 weeks at low sensitivity (a budget of 0.05
 * a week, small-counts.test.ts): not merged.
 * NAB per file with 0.6: nyc_taxi 4.08 → 4.18, the tweet files the same. Mall seeds 124-171 (used
 * to choose nothing): 277/577/646/643/659 of 319/608/671/670/672 (87/95/96/96/98 %; 77 % at 2 an
 * hour before), false alerts 0.064 a week.
 */
export function markSuspect(
  m: AnomalyMemo,
  ctx: SeriesContext,
  j: number,
  low: SideScan,
  threshold: number,
): void {
  const r = m.opts.suspectRatio;
  if (r <= 0 || low.buckets === 0 || low.score < r * threshold) return;
  let first = -1;
  for (let i = j - low.buckets + 1; i <= j; i++) {
    if (m.suspect[i] === 1) continue;
    m.suspect[i] = 1;
    if (first < 0) first = i;
  }
  if (first >= 0) recount(m, ctx, first, j);
}
