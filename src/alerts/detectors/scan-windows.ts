/**
 * The windows the scan statistic sums over, in buckets: from one bucket up to `maxMs`, each about
 * 1.5 × the one before (rounded: 1, 2, 3, 5, 8, 12, 18, 27, 41, 48 hourly buckets for 48 h).
 * A deviation of length L is met by a window within a factor 1.5 of L, which loses little evidence, while the
 * number of tests (what the false-alarm budget pays for) grows only with the log of the range.
 */
export function scanWindows(stepMs: number, maxMs: number): number[] {
  const max = Math.max(1, Math.floor(maxMs / stepMs));
  const out: number[] = [];
  for (let w = 1; w < max; w = Math.max(w + 1, Math.round(w * 1.5))) out.push(w);
  out.push(max);
  return out;
}

/** Entry i of a cumulative sum, 0 before the first: `cumAt(c, k) − cumAt(c, k − w)` sums w buckets. */
export const cumAt = (cum: Float64Array, i: number): number => (i < 0 ? 0 : (cum[i] as number));
