/**
 * Deterministic randomness: every 5-minute bucket gets its own generator seeded from
 * (seed, club, bucket), so any slice of time can be regenerated alone and always gives the same events.
 */

/** 32-bit integer mix (murmur3 finaliser); spreads neighbouring inputs over the whole range. */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of a few integers (each may exceed 32 bits, up to 2^53) to one 32-bit seed. */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p % 0x1_0000_0000;
    const hi = Math.floor(p / 0x1_0000_0000);
    h = mix32(h ^ mix32(lo + 0x7f4a7c15));
    h = mix32(h ^ mix32(hi + 0x165667b1));
  }
  return h;
}

/** A uniform number in [0, 1) that depends only on the given integers. */
export function unitHash(...parts: number[]): number {
  return hashInts(...parts) / 0x1_0000_0000;
}

/** mulberry32: small, fast and good enough for simulated traffic. Returns numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * A Poisson-distributed count with mean `lambda`. Knuth's product method below 30 (exact, at most
 * ~45 draws); above that a rounded normal, whose error at lambda 30 is under 1 % of the count.
 */
export function poisson(lambda: number, random: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  // Box-Muller; 1 - u keeps log() away from 0.
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

/** Index into a cumulative weight table (last entry = total) for a uniform draw `u` in [0, 1). */
export function pickWeighted(cumulative: Float64Array, u: number): number {
  const target = u * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running sums of `weights`, for pickWeighted. */
export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
