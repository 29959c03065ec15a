/** The last two steps of an answer: the silent data-point cut, then the sparse bucket list. */
import type { ApiSeries } from "./evaluate.ts";

/**
 * The silent cut: past `max` non-null values (series order, then bucket order) everything is null and
 * series left empty disappear. Returns the number of non-null values kept.
 */
export function cutDataPoints(series: ApiSeries[], max: number): { series: ApiSeries[]; dataPoints: number } {
  let seen = 0;
  const out: ApiSeries[] = [];
  for (const s of series) {
    let had = false;
    let kept = false;
    const values = s.values.map((v) => {
      if (v === null) return null;
      had = true;
      if (seen >= max) return null;
      seen++;
      kept = true;
      return v;
    });
    if (kept || !had) out.push({ ...s, values });
  }
  return { series: out, dataPoints: seen };
}

/** Drops the buckets where no series has a value (the API's sparse `time_buckets`). */
export function sparse(buckets: string[], series: ApiSeries[]): { buckets: string[]; series: ApiSeries[] } {
  const used = buckets.map((_, i) => series.some((s) => s.values[i] !== null));
  return {
    buckets: buckets.filter((_, i) => used[i]),
    series: series.map((s) => ({ ...s, values: s.values.filter((_, i) => used[i]) })),
  };
}
