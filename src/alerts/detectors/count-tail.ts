/**
 * Tail probabilities of counts, as logs (an outage of a big club is e^-1000, far below what a double
 * holds). A count with mean μ and variance V ≥ μ is Poisson (V = μ) or negative binomial
 * (V = μ + μ²/r). Far from the mean the exact sum is cheap (its terms shrink geometrically); near it
 * the signed root of the deviance with a half-count continuity correction is within a few percent,
 * which is all a verdict that is nowhere near its threshold needs.
 */
import { logTail } from "./count-z.ts";

const LOG_HALF_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log P(Z > z) for a standard normal, accurate from the centre to z = 1000 (no underflow). */
export function logNormalTail(z: number): number {
  if (z < 5) {
    // erfc by the Numerical Recipes Chebyshev fit (relative error < 1.2e-7).
    const x = z / Math.SQRT2;
    const t = 1 / (1 + 0.5 * Math.abs(x));
    const y =
      t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628806 +
                          t *
                            (0.27886807 +
                              t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    const erfc = x >= 0 ? y : 2 - y;
    return Math.log(erfc / 2);
  }
  // Mills ratio asymptotic series: P(Z > z) = φ(z)/z · (1 - 1/z² + 3/z⁴ - …).
  const z2 = z * z;
  return -z2 / 2 - LOG_HALF_SQRT_2PI - Math.log(z) + Math.log(1 - 1 / z2 + 3 / (z2 * z2));
}

const xlogx = (x: number, y: number) => (x <= 0 ? 0 : x * Math.log(x / y));

/** Deviance of count y against mean μ (Poisson when r is null, else negative binomial of size r). */
function deviance(y: number, mean: number, r: number | null): number {
  if (r === null) return 2 * (xlogx(y, mean) - (y - mean));
  return 2 * (xlogx(y, mean) - xlogx(y + r, mean + r));
}

const EXACT_MEAN_BELOW = 400;

/** Exact sums below this log-probability; the approximation above it (p > 1 %). */
const EXACT_BELOW = Math.log(0.01);

/**
 * log P(X ≤ y) (`upper` false) or log P(X ≥ y) (`upper` true) for a count X with this mean and
 * variance; 0 when y is on the other side of the mean (a low count is no evidence of a rise).
 */
export function logTailP(y: number, mean: number, variance: number, upper: boolean): number {
  const m = Math.max(mean, 1e-9);
  const k = Math.round(y);
  if (upper ? k <= m : k >= m) return 0;
  const v = Math.max(variance, m);
  const r = v > m * 1.0001 ? (m * m) / (v - m) : null;
  const yc = upper ? k - 0.5 : k + 0.5;
  if (upper ? yc <= m : yc >= m) return Math.log(0.5);
  const approx = logNormalTail(Math.sqrt(Math.max(0, deviance(yc, m, r))));
  // Past a mean of 400 the signed-root deviance is within a few percent of the exact log tail, and the
  // exact sum would take ~12 sd terms (6,000 for a 48 h window of a club total with φ 0.01).
  if (approx > EXACT_BELOW || m > EXACT_MEAN_BELOW) return approx;
  return Math.min(0, logTail(k, m, v, upper));
}
