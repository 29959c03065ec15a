/**
 * Answers a validated query from the event log, in the API's response shape: buckets aligned in the
 * club's zone, sparse `time_buckets`, null for no usages, and the silent cut at `maxDataPoints`.
 */
import { DateTime } from "luxon";
import type { Interval } from "../../placewise/fields.ts";
import { bucketGrid, nextBucket, toApiTime } from "../../placewise/grid.ts";
import { attributeGetter, type Scalar } from "./attributes.ts";
import { cutDataPoints, sparse } from "./cut.ts";
import { compileFilter } from "./filter.ts";
import type { UsageModel } from "./generator.ts";
import type { ClubInfo } from "./types.ts";
import type { ValidRequest } from "./validate.ts";

export interface ApiSeries {
  label: Record<string, Scalar>;
  values: (number | null)[];
  /** Only when `range_timezone` is "local": the zone of this series' buckets. */
  timezone?: string;
}

export interface ApiResponse {
  interval: Interval;
  range_timezone: string;
  time_buckets: string[];
  series: ApiSeries[];
  data_points: number;
  result_type: "timeseries";
}

/** Counts of one club: the bucket grid and, per label value (or "" without aggregation), counts per bucket. */
interface ClubCounts {
  readonly grid: number[];
  readonly counts: Map<Scalar, Int32Array>;
}

/**
 * Usages of `club` per bucket. The bucket holding `from` counts from its start and the last bucket
 * (start < to) counts to its end, as the API does; nothing at or after `cutoffMs` exists yet.
 */
export function countClub(
  model: UsageModel,
  club: ClubInfo,
  req: ValidRequest,
  cutoffMs: number,
): ClubCounts {
  const grid = bucketGrid(req.fromMs, req.toMs, req.interval, club.timezone);
  const counts = new Map<Scalar, Int32Array>();
  const first = grid[0];
  if (first === undefined) return { grid, counts };
  const end = Math.min(nextBucket(grid[grid.length - 1] as number, req.interval, club.timezone), cutoffMs);
  const keep = compileFilter(req.filter, club);
  const labelOf = req.aggregateBy === null ? () => "" : attributeGetter(club, req.aggregateBy);
  for (const day of model.days(club, first, end)) {
    let bucket = 0;
    for (let i = 0; i < day.count; i++) {
      const t = day.time[i] as number;
      if (t < first) continue;
      if (t >= end) break;
      if (!keep(day, i)) continue;
      while (bucket + 1 < grid.length && t >= (grid[bucket + 1] as number)) bucket++;
      const key = labelOf(day, i);
      let row = counts.get(key);
      if (row === undefined) {
        row = new Int32Array(grid.length);
        counts.set(key, row);
      }
      row[bucket] = (row[bucket] as number) + 1;
    }
  }
  return { grid, counts };
}

/** Label order: numbers and strings ascending, false before true, null last. */
function byLabel(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function toValues(row: ArrayLike<number>): (number | null)[] {
  return Array.from(row, (v) => (v === 0 ? null : v));
}

function sortedKeys(counts: Map<Scalar, Int32Array>, aggregated: boolean): Scalar[] {
  // Without aggregation there is always exactly one series, even when it has no usages.
  if (!aggregated) return [""];
  return [...counts.keys()].sort(byLabel);
}

/** Clubs in one zone: one grid with offsets, series summed over the clubs. */
function oneZone(
  all: ClubCounts[],
  zone: string,
  req: ValidRequest,
): { buckets: string[]; series: ApiSeries[] } {
  const grid = all[0]?.grid ?? [];
  const merged = new Map<Scalar, Int32Array>();
  for (const { counts } of all) {
    for (const [key, row] of counts) {
      const sum = merged.get(key) ?? new Int32Array(grid.length);
      row.forEach((v, i) => {
        sum[i] = (sum[i] as number) + v;
      });
      merged.set(key, sum);
    }
  }
  const agg = req.aggregateBy;
  const series = sortedKeys(merged, agg !== null).map((key) => ({
    label: agg === null ? {} : { [agg]: key },
    values: toValues(merged.get(key) ?? new Int32Array(grid.length)),
  }));
  return { buckets: grid.map((ms) => toApiTime(ms, zone)), series };
}

/**
 * Clubs in several zones ("local"): bucket times are local wall-clock strings without offset, the union
 * over clubs; each club has its own series labelled with its id and zone. Both 02:00 buckets of the
 * October DST night have the same local name and are added together.
 */
function localZones(
  clubs: readonly ClubInfo[],
  all: ClubCounts[],
  req: ValidRequest,
): { buckets: string[]; series: ApiSeries[] } {
  const names = all.map(({ grid }, c) =>
    grid.map(
      (ms) =>
        (DateTime.fromMillis(ms, { zone: clubs[c]?.timezone }).toISO({ includeOffset: false }) ??
          "") as string,
    ),
  );
  const buckets = [...new Set(names.flat())].sort();
  const index = new Map(buckets.map((name, i) => [name, i]));
  const agg = req.aggregateBy;
  const series: ApiSeries[] = [];
  clubs.forEach((club, c) => {
    const { counts } = all[c] as ClubCounts;
    for (const key of sortedKeys(counts, agg !== null)) {
      const row = new Array<number>(buckets.length).fill(0);
      (counts.get(key) ?? []).forEach((v, i) => {
        const at = index.get(names[c]?.[i] as string) as number;
        row[at] = (row[at] as number) + v;
      });
      const label: Record<string, Scalar> = { loyalty_club_id: club.id, timezone: club.timezone };
      if (agg !== null) label[agg] = key;
      series.push({ label, values: toValues(row), timezone: club.timezone });
    }
  });
  return { buckets, series };
}

export function runQuery(
  model: UsageModel,
  clubs: readonly ClubInfo[],
  req: ValidRequest,
  cutoffMs: number,
  maxDataPoints: number,
): ApiResponse {
  const all = clubs.map((club) => countClub(model, club, req, cutoffMs));
  const zones = new Set(clubs.map((c) => c.timezone));
  const zone = clubs[0]?.timezone ?? "UTC";
  const shaped = zones.size === 1 ? oneZone(all, zone, req) : localZones(clubs, all, req);
  const cut = cutDataPoints(shaped.series, maxDataPoints);
  const { buckets, series } = sparse(shaped.buckets, cut.series);
  return {
    interval: req.interval,
    range_timezone: zones.size === 1 ? zone : "local",
    time_buckets: buckets,
    series,
    data_points: cut.dataPoints,
    result_type: "timeseries",
  };
}
