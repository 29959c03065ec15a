import { DateTime } from "luxon";
import { PlacewiseError } from "../errors.ts";
import type { Interval } from "../fields.ts";
import { bucketGrid, bucketStart } from "../grid.ts";
import type { GridSeries, Query } from "../query.ts";
import type { ApiResponse, LabelValue } from "./response.ts";

type Label = Readonly<Record<string, LabelValue>>;

/** One series' counts by bucket start (epoch ms); absent buckets are zero. */
export interface SparseSeries {
  readonly key: string;
  readonly label: Label;
  readonly timezone: string;
  readonly points: ReadonlyMap<number, number>;
}

/** Label identity independent of key order; `local` answers add the zone (clubs may share labels). */
export function labelKey(label: Label, timezone: string | null): string {
  const sorted = Object.keys(label)
    .sort()
    .map((k) => [k, label[k]]);
  return timezone === null ? JSON.stringify(sorted) : `${JSON.stringify(sorted)}@${timezone}`;
}

function bad(what: string): PlacewiseError {
  return new PlacewiseError(
    "bad_response",
    `Placewise answered with buckets we cannot place (${what}); no numbers were shown. Try again; if it persists, report it to Placewise.`,
  );
}

const validZone = (zone: string): boolean => DateTime.now().setZone(zone).isValid;

/**
 * Reads one answer for the request [fromMs, toMs) into sparse series, checking every bucket time is
 * a bucket start of the answer's zone inside the window: a time off the grid would put counts in
 * the wrong hour, so it is an error, not a rounding.
 */
export function sparseFromResponse(
  res: ApiResponse,
  query: Query,
  window: { fromMs: number; toMs: number },
): SparseSeries[] {
  const interval = query.interval as Interval;
  const local = res.range_timezone === "local";
  if (!local && !validZone(res.range_timezone)) throw bad(`unknown range_timezone "${res.range_timezone}"`);
  // Per zone: each bucket time as an instant, or why it cannot be one on that zone's grid.
  const timesByZone = new Map<string, Array<number | string>>();
  const timesIn = (zone: string): Array<number | string> => {
    const known = timesByZone.get(zone);
    if (known) return known;
    // Each zone buckets the same instants [from, to) on its own grid; the bucket holding `from`
    // may start before it (a Helsinki day starts at 23:00 Oslo time).
    const first = bucketStart(window.fromMs, interval, zone);
    const seen = new Set<number>();
    const times = res.time_buckets.map((t): number | string => {
      const hasOffset = /(Z|[+-]\d\d:?\d\d)$/.test(t);
      if (!local && !hasOffset) return `time bucket "${t}" has no offset`;
      const dt = hasOffset ? DateTime.fromISO(t, { setZone: true }) : DateTime.fromISO(t, { zone });
      if (!dt.isValid) return `time bucket "${t}" is not an ISO time`;
      const ms = dt.toMillis();
      if (bucketStart(ms, interval, zone) !== ms)
        return `"${t}" is not the start of a ${interval} bucket in ${zone}`;
      if (ms < first || ms >= window.toMs) return `"${t}" is outside the requested range`;
      if (seen.has(ms)) return `time bucket "${t}" appears twice`;
      seen.add(ms);
      return ms;
    });
    timesByZone.set(zone, times);
    return times;
  };
  if (!local) {
    // One zone: every listed bucket must be on the grid, whatever the values say.
    const wrong = timesIn(res.range_timezone).find((t) => typeof t === "string");
    if (wrong !== undefined) throw bad(wrong as string);
  }
  const keys = new Set<string>();
  return res.series.map((s, si) => {
    const zone = local ? s.timezone : res.range_timezone;
    if (zone === undefined) throw bad(`series[${si}] of a "local" answer has no timezone`);
    if (local && !validZone(zone)) throw bad(`series[${si}] has unknown timezone "${zone}"`);
    const times = timesIn(zone);
    const points = new Map<number, number>();
    // "local" lists the union of the clubs' wall-clock names; a name off this club's grid is
    // fine as long as this club has no count there.
    s.values.forEach((v, i) => {
      if (v === null || v === 0) return;
      const t = times[i];
      if (typeof t === "string") throw bad(`${t} (series ${JSON.stringify(s.label)})`);
      points.set(t as number, v);
    });
    const key = labelKey(s.label, local ? zone : null);
    if (keys.has(key)) throw bad(`two series have the label ${JSON.stringify(s.label)}`);
    keys.add(key);
    return { key, label: s.label, timezone: zone, points };
  });
}

/**
 * Joins `parts` series by series. A bucket can come in two answers only when it straddles a request
 * boundary, which happens when the answer's zone is not the query's (a Helsinki day in requests cut
 * at Oslo midnights). The API counts such a bucket whole in both answers (the simulator models it
 * so), so the larger value is kept instead of adding the two.
 */
function combine(
  parts: readonly SparseSeries[],
): Map<string, { label: Label; timezone: string; points: Map<number, number> }> {
  const out = new Map<string, { label: Label; timezone: string; points: Map<number, number> }>();
  for (const p of parts) {
    let acc = out.get(p.key);
    if (!acc) {
      acc = { label: p.label, timezone: p.timezone, points: new Map() };
      out.set(p.key, acc);
    }
    for (const [t, v] of p.points) acc.points.set(t, Math.max(acc.points.get(t) ?? 0, v));
  }
  return out;
}

/**
 * Lays sparse series onto the full bucket grid of the query: missing and null buckets are 0.
 * Order: total descending, then label (stable JSON) ascending, so the biggest group comes first
 * in charts and breakdowns and equal totals never swap between runs.
 * Without aggregation there is always exactly one series (all zeros when nothing happened).
 */
export function mergeOntoGrid(
  query: Query,
  rangeTimezone: string,
  parts: readonly SparseSeries[],
): GridSeries[] {
  const local = rangeTimezone === "local";
  const grids = new Map<string, number[]>();
  const gridIn = (zone: string): number[] => {
    let g = grids.get(zone);
    if (!g) {
      g = bucketGrid(query.range.fromMs, query.range.toMs, query.interval, zone);
      grids.set(zone, g);
    }
    return g;
  };
  const combined = combine(parts);
  if (combined.size === 0 && query.aggregateBy === null && !local) {
    combined.set(labelKey({}, null), { label: {}, timezone: rangeTimezone, points: new Map() });
  }
  const series = [...combined.entries()].map(([key, s]) => {
    const times = gridIn(s.timezone);
    const values = times.map((t) => s.points.get(t) ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    return { key, total, out: { label: s.label, timezone: s.timezone, times, values } satisfies GridSeries };
  });
  series.sort((a, b) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return series.map((s) => s.out);
}
