/** Robust statistics on small arrays (sorted copies; inputs are left alone). */

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Median absolute deviation around `centre`, scaled by 1.4826 to estimate a normal sd. */
export function madSd(values: readonly number[], centre: number): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - centre)));
}
