/** Bucket grids and made-up counts for chart tests: deterministic, no randomness. */
import { DateTime } from "luxon";
import type { Interval } from "../../src/placewise/fields.ts";
import { bucketGrid } from "../../src/placewise/grid.ts";

/** Bucket starts from local `from` to local `to` (ISO without offset) in `zone`. */
export function grid(from: string, to: string, interval: Interval, zone = "Europe/Oslo"): number[] {
  const ms = (s: string) => DateTime.fromISO(s, { zone }).toMillis();
  return bucketGrid(ms(from), ms(to), interval, zone);
}

/** A daily-looking wave with some texture, scaled by `k`, never negative. */
export function wave(n: number, k = 1, phase = 0): number[] {
  return Array.from({ length: n }, (_, i) =>
    Math.max(0, Math.round(k * (60 + 40 * Math.sin(i / 4 + phase) + 15 * Math.sin(i * 1.7 + phase)))),
  );
}
