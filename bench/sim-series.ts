/**
 * Hourly usage counts of a simulated club (src/local/placewise-simulator, the same event log the HTTP
 * simulator serves) with incidents injected through the simulator's own `incidents` option, so the
 * truth is known: outages of 2–6 h at zero in opening hours, 3 h at 3×, days at -50 %. Campaign
 * weeks and the seeded scanner outages are off (`builtInEvents: false`): every deviation is one we
 * put in. Counts come straight from the model's event log (no HTTP), ~50 ms per club-quarter.
 */
import { DateTime } from "luxon";
import { findClub } from "../src/local/placewise-simulator/clubs.ts";
import { compileFilter, filtersToNode } from "../src/local/placewise-simulator/filter.ts";
import { UsageModel } from "../src/local/placewise-simulator/index.ts";
import { rng } from "../src/local/placewise-simulator/random.ts";
import { openingHours } from "../src/local/placewise-simulator/rhythm.ts";
import type { Incident as SimIncident } from "../src/local/placewise-simulator/types.ts";
import type { Filter } from "../src/placewise/query.ts";
import type { Incident, IncidentKind, MallSeries } from "./mall-series.ts";

const HOUR = 3_600_000;

export interface SimSeriesOptions {
  readonly seed: number;
  readonly clubId: number;
  readonly weeks: number;
  /** A Monday, local date. Default 2026-08-03 (12 weeks cover the 2026-10-25 DST change). */
  readonly start?: string;
  /** Only usages passing these filters (small counts: one offer type of a small club). */
  readonly filters?: readonly Filter[];
  /** Inject incidents from this week on; earlier weeks are history for the baseline. Default 4. */
  readonly incidentsFromWeek?: number;
}

const PLAN = { outage: 10, spike: 4, half_day: 4 } as const;
const FACTOR: Record<IncidentKind, number> = { outage: 0, spike: 3, half_day: 0.5, missed_peak: 0.6 };

/** One incident per open day, on distinct random days from `fromWeek` on, starting on full hours. */
function planIncidents(start: DateTime, weeks: number, fromWeek: number, rand: () => number): Incident[] {
  const days: DateTime[] = [];
  for (let d = fromWeek * 7; d < weeks * 7; d++) days.push(start.plus({ days: d }));
  for (let i = days.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [days[i], days[j]] = [days[j] as DateTime, days[i] as DateTime];
  }
  const kinds = Object.entries(PLAN).flatMap(([k, n]) => Array<IncidentKind>(n).fill(k as IncidentKind));
  const out: Incident[] = [];
  kinds.forEach((kind, n) => {
    const day = days[n];
    if (day === undefined) return;
    const [open, close] = openingHours(day.weekday).map((m) => m / 60) as [number, number];
    if (kind === "half_day") {
      out.push({ kind, start: day.set({ hour: open }).toMillis(), end: day.set({ hour: close }).toMillis() });
      return;
    }
    const hours = kind === "outage" ? 2 + Math.floor(rand() * 5) : 3;
    const from = open + Math.floor(rand() * Math.max(1, close - open - hours + 1));
    const to = Math.min(close, from + hours);
    out.push({ kind, start: day.set({ hour: from }).toMillis(), end: day.set({ hour: to }).toMillis() });
  });
  return out.sort((a, b) => a.start - b.start);
}

export function simSeries(opts: SimSeriesOptions): MallSeries {
  const club = findClub(opts.clubId);
  if (club === undefined) throw new RangeError(`Unknown simulated club ${opts.clubId}: use one of SIM_CLUBS`);
  const tz = club.timezone;
  const start = DateTime.fromISO(opts.start ?? "2026-08-03", { zone: tz }).startOf("day");
  const end = start.plus({ weeks: opts.weeks });
  const incidents = planIncidents(start, opts.weeks, opts.incidentsFromWeek ?? 4, rng(opts.seed * 7919));
  const model = new UsageModel({
    seed: opts.seed,
    builtInEvents: false,
    incidents: incidents.map(
      (x): SimIncident => ({ clubId: club.id, fromMs: x.start, toMs: x.end, factor: FACTOR[x.kind] }),
    ),
  });
  const from = start.toMillis();
  const n = Math.round((end.toMillis() - from) / HOUR);
  const values = new Array<number>(n).fill(0);
  const keep = compileFilter(filtersToNode(opts.filters ?? []), club);
  for (const day of model.days(club, from, end.toMillis())) {
    for (let i = 0; i < day.count; i++) {
      if (keep(day, i)) values[Math.floor(((day.time[i] as number) - from) / HOUR)]++;
    }
  }
  const times = Array.from({ length: n }, (_, i) => from + i * HOUR);
  return { times, values, incidents, tz, stepMs: HOUR };
}
