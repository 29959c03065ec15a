/**
 * How unusual a count is, as a signed normal-equivalent z: the z whose normal tail equals the
 * count's tail probability under a Poisson (or negative binomial, when the history is more spread
 * than Poisson) with the expected mean. So 0 against an expected 2 scores about -1.1 (it happens
 * 14 % of the time), 0 against an expected 30 scores about -7.4, and z means the same for a quiet
 * night and a busy Saturday.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 15 digits). */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const xx = x - 1;
  const t = xx + 7.5;
  let a = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The positive z with P(Z > z) = exp(logP) (Acklam's tail formula, fed the log so 1e-300 works). */
export function zFromLogTail(logP: number): number {
  if (logP >= Math.log(0.5)) return 0;
  const q = Math.sqrt(-2 * logP);
  const num =
    ((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) *
      q +
      4.374664141464968) *
      q +
    2.938163982698783;
  const den =
    (((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
      q +
    1;
  // In the central region (tails above 2.4 %) the tail formula is off by up to 0.1, far below any
  // alert threshold; it is clamped at 0 there.
  return Math.max(0, -num / den);
}

function logPmf(k: number, mean: number, r: number | null): number {
  if (r === null) return k * Math.log(mean) - mean - lnGamma(k + 1);
  const q = mean / (mean + r);
  return lnGamma(k + r) - lnGamma(r) - lnGamma(k + 1) + r * Math.log(1 - q) + k * Math.log(q);
}

/** log P(X ≤ y) (lower) or log P(X ≥ y) (upper), exact, summed outward from y where terms only shrink. */
export function logTail(y: number, mean: number, variance: number, upper: boolean): number {
  const r = variance > mean * 1.0001 ? (mean * mean) / (variance - mean) : null;
  const q = r === null ? 0 : mean / (mean + r);
  const lp0 = logPmf(y, mean, r);
  let sum = 1;
  let term = 1;
  for (let k = y, n = 0; n < 100_000; n++) {
    if (upper) {
      term *= r === null ? mean / (k + 1) : ((k + r) / (k + 1)) * q;
      k++;
    } else {
      if (k === 0) break;
      term *= r === null ? k / mean : k / ((k - 1 + r) * q);
      k--;
    }
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return lp0 + Math.log(sum);
}

/** Signed normal-equivalent z of count `y` against a count with this mean and variance. */
export function countZ(y: number, mean: number, variance: number): number {
  const m = Math.max(mean, 1e-9);
  const v = Math.max(variance, m);
  const k = Math.round(y);
  // Past a mean of 60 the normal z is within 0.1 of the exact one near the band, except far below
  // it: 0 where 100 were expected is z -10 by the normal formula but about -14 exactly (a Poisson
  // gives it e^-100), and outages of big clubs must not look milder than those of small ones. The exact lower tail costs one term per count below y, so it is kept to y ≤ 1000.
  if (m >= 60 && !(k < m && k <= 1000)) return (y - m) / Math.sqrt(v);
  if (k < m) return -zFromLogTail(Math.min(0, logTail(k, m, v, false)));
  return zFromLogTail(Math.min(0, logTail(k, m, v, true)));
}
