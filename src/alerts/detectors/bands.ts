/**
 * Bands for counts. Large counts: a normal band, mean ± z·sd. Small counts: quantiles of a Poisson
 * (or, when the history is more spread out than Poisson, a negative binomial with the same mean and
 * variance), because 0 usages against an expected 2 is ordinary and a normal band would call it
 * abnormal.
 */

/** Standard normal upper tail P(Z > z), Abramowitz–Stegun 26.2.17 (error < 7.5e-8). */
export function normalTail(z: number): number {
  if (z < 0) return 1 - normalTail(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

/** Above this mean the normal band is within one count of the exact quantiles. */
const EXACT_BELOW = 60;

/** pmf(k) for k = 0.. of a count with this mean and variance (Poisson when variance ≤ mean). */
function* pmf(mean: number, variance: number): Generator<number> {
  if (variance <= mean * 1.0001) {
    let p = Math.exp(-mean);
    for (let k = 0; ; k++) {
      yield p;
      p *= mean / (k + 1);
    }
  }
  // Negative binomial with r successes: variance = mean + mean² / r.
  const r = (mean * mean) / (variance - mean);
  const q = mean / (mean + r);
  let p = Math.exp(r * Math.log(1 - q));
  for (let k = 0; ; k++) {
    yield p;
    p *= ((k + r) / (k + 1)) * q;
  }
}

/**
 * The band [low, high] of a count with this mean and variance at `z` standard deviations: a count
 * c breaches when c < low (P(X ≤ c) ≤ tail) or c > high (P(X ≥ c) ≤ tail), tail = P(Z > z).
 */
export function countBand(mean: number, variance: number, z: number): { low: number; high: number } {
  const sd = Math.sqrt(Math.max(variance, mean, 1e-9));
  if (mean >= EXACT_BELOW) return { low: Math.max(0, mean - z * sd), high: mean + z * sd };
  // Far past z = 37 the tail underflows to 0; 1e-250 keeps the loop below finite.
  const tail = Math.max(normalTail(z), 1e-250);
  // Terms until they are negligible next to `tail`; summing the upper tail from the far end keeps
  // it exact where 1 - cdf would drown in rounding (z = 8 is a tail of 6e-16).
  const terms: number[] = [];
  for (const p of pmf(mean, Math.max(variance, mean))) {
    terms.push(p);
    const k = terms.length - 1;
    if ((k > mean && p < tail * 1e-6) || k > 20_000) break;
  }
  let low = 0;
  for (let k = 0, cdf = 0; k < terms.length; k++) {
    cdf += terms[k] as number;
    if (cdf > tail) {
      low = k;
      break;
    }
  }
  let high = terms.length - 1;
  for (let k = terms.length - 1, upper = 0; k >= 0; k--) {
    // upper = P(X > k)
    if (upper > tail) break;
    high = k;
    upper += terms[k] as number;
  }
  return { low, high };
}
