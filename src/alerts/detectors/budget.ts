/**
 * Alarm thresholds from a false-alarm budget. A budget of F false alerts a week over B judged
 * buckets a week allows each bucket an alarm probability of F/B. The scan tests several windows
 * and one or two sides at every bucket, and an alarm lasts several buckets, so the chance that a
 * new alarm starts at a bucket when every window's p-value is above α is not α but about C·α per
 * side, C the effective number of independent tests. C was measured by simulation
 * (bench/anomaly-calibrate.ts: long stationary Poisson series fed their true mean, alarms counted
 * as the detector's own alarm starts) and is fitted there as a function of the number of windows.
 */

/** Effective independent tests per side for a scan over `windows` window lengths (see above). */
export function effectiveTests(windows: number): number {
  return CALIBRATION.base + CALIBRATION.perWindow * (windows - 1);
}

/**
 * Measured (bench/anomaly-calibrate.ts, 150 weeks per case, true mean fed): with C = 1 + 0.5·(w−1)
 * the realised rate was 0.45-0.53 of the budget at 200 a bucket (where counts behave continuously)
 * for 10, 12 and 16 windows, at 1 alarm a week; halving C puts it at about the budget. Small counts
 * (3 a bucket: 0.24-0.33) and shared over-dispersion (φ 0.01 per day: 0.21-0.33) stay below it,
 * because discrete p-values are conservative: the budget is an upper bound there.
 * Not where the model is wrong in kind: a stationary negative binomial whose over-dispersion (φ
 * 0.01) is shared by each whole day, fitting its own model (no true mean fed), met 0.35-0.43 false
 * alarms a week at medium (0.25) and 1.2-1.4 at a budget of 1 (anomaly-calibrate.ts nullRun, rate
 * 20, 40 weeks, seeds 5-7; 0.38-0.51 and 1.1-1.2 before the level left out suspect windows,
 * anomaly-memo.ts). Known, not fixed: test/alerts/detectors/false-alarm-budget.test.ts holds it to
 * the budget of 1 within 3 sampling sd only.
 */
export const CALIBRATION = { base: 0.5, perWindow: 0.25 };

/** −log α: the score (−log p of the most extreme window) at which the detector alarms. */
export function alarmThreshold(
  perWeek: number,
  bucketsPerWeek: number,
  sides: number,
  windows: number,
): number {
  const alpha = perWeek / (Math.max(1, bucketsPerWeek) * sides * effectiveTests(windows));
  return -Math.log(alpha);
}
