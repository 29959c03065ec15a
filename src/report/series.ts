import { bucketGrid } from "../placewise/grid.ts";
import type { GridSeries, QueryResult } from "../placewise/query.ts";

/** The grid a report is drawn on: bucket starts and the zone they are local to. */
export interface Grid {
  readonly times: readonly number[];
  readonly zone: string;
}

/**
 * The grid of a result. With one zone every series shares it; with `range_timezone: "local"` each
 * club has its own grid, and the longest one (ties: the first) is the reference, so a 25-bucket
 * DST day in one zone is not cut to 24. A result without series still has a grid: from the query.
 */
export function gridOf(result: QueryResult): Grid {
  let ref: GridSeries | undefined;
  for (const s of result.series) if (ref === undefined || s.times.length > ref.times.length) ref = s;
  if (ref !== undefined) return { times: ref.times, zone: ref.timezone };
  const zone = result.rangeTimezone === "local" ? result.query.range.timezone : result.rangeTimezone;
  const { fromMs, toMs } = result.query.range;
  return { times: bucketGrid(fromMs, toMs, result.interval, zone), zone };
}

/**
 * Sums series bucket by bucket by position: bucket i of every series adds to bucket i of the sum.
 * In one zone positions are the same instants; in local time they are the same local wall-clock
 * bucket in each club's zone, which is what "local" means. A shorter series adds nothing past its end.
 */
export function sumByPosition(series: readonly GridSeries[], length: number): number[] {
  const out = new Array<number>(length).fill(0);
  for (const s of series) {
    const n = Math.min(length, s.values.length);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (s.values[i] ?? 0);
  }
  return out;
}

export function sum(values: readonly number[], end = values.length): number {
  let total = 0;
  for (let i = 0; i < Math.min(end, values.length); i++) total += values[i] as number;
  return total;
}

/**
 * Previous period values laid against the current grid: previous bucket i against current bucket i.
 * The two periods may differ in length (a 23 h day before a 25 h day, February before March): a
 * current bucket without a counterpart gets null, and previous buckets past the current end are dropped.
 */
export function alignPrevious(previous: readonly number[], length: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < length; i++) out.push(i < previous.length ? (previous[i] as number) : null);
  return out;
}

/** Every zone the series are in, in first-seen order; the grid's zone when there are none. */
export function zonesOf(result: QueryResult, grid: Grid): string[] {
  const zones = [...new Set(result.series.map((s) => s.timezone))];
  return zones.length > 0 ? zones : [grid.zone];
}
