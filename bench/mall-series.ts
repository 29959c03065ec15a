/**
 * Mall-like offer usage counts with known injected incidents, for the anomaly benchmark and the
 * alert tests. Deterministic for a seed; DST-correct (buckets are built from local wall-clock hours).
 * Rhythm of a Norwegian mall: Mon–Fri 10–21, Sat 10–18, closed Sunday; lunch and after-work peaks;
 * Saturday 1.4 × a Monday; day-to-day level noise (weather, paydays) of about 8 %.
 */

import { DateTime } from "luxon";
import { rng } from "../src/local/placewise-simulator/random.ts";

export type IncidentKind = "outage" | "spike" | "half_day" | "missed_peak";

export interface Incident {
  readonly kind: IncidentKind;
  /** First affected bucket start and the end of the last affected bucket (epoch ms). */
  readonly start: number;
  readonly end: number;
}

export interface MallSeries {
  readonly times: number[];
  readonly values: number[];
  readonly incidents: Incident[];
  /** The generator's true expected count of each bucket, without the incidents (for the oracle). */
  readonly rates?: number[];
  readonly tz: string;
  readonly stepMs: number;
}

export interface MallOptions {
  readonly seed: number;
  readonly weeks: number;
  /** A Monday, local date. Default 2026-08-03 (12 weeks cover the 2026-10-25 DST change). */
  readonly start?: string;
  readonly tz?: string;
  readonly stepMinutes?: 5 | 60;
  /** Usages per hour at the busiest weekday hour. */
  readonly peak?: number;
  /** Usages per open hour on average; overrides `peak`. */
  readonly perOpenHour?: number;
  /** Inject incidents from this week on (earlier weeks are history for the baseline). */
  readonly incidentsFromWeek?: number | null;
  /**
   * "classic": 10 outages of 2–6 h, 4 spikes of 3 h at 3×, 4 days at -50 %. "issue": 5 outages of
   * 2–6 h, 4 spikes of 1–3 h at 3×, 3 days at -50 %, 2 Saturdays whose 12–16 peak stays at a
   * weekday's level (×0.6).
   */
  readonly mix?: "classic" | "issue";
}

/** The simulator's mulberry32, so bench series and simulated traffic share one generator. */
export { rng };

function poisson(lambda: number, rand: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) {
    const u = Math.max(rand(), 1e-12);
    const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(lambda + g * Math.sqrt(lambda)));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

const OPEN: Record<number, [number, number] | null> = {
  1: [10, 21],
  2: [10, 21],
  3: [10, 21],
  4: [10, 21],
  5: [10, 21],
  6: [10, 18],
  7: null,
};
const DAY_FACTOR: Record<number, number> = { 1: 0.8, 2: 0.85, 3: 0.9, 4: 1.05, 5: 1.1, 6: 1.4, 7: 0 };
/** Relative rate by hour of the day while open: a lunch peak and an after-work peak. */
const HOUR_SHAPE = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.7, 1, 1, 0.8, 0.8, 0.9, 1, 0.9, 0.6, 0.4, 0, 0, 0];

function isOpen(local: DateTime): boolean {
  const open = OPEN[local.weekday];
  return open != null && local.hour >= open[0] && local.hour < open[1];
}

/** Mean of the open hours' rate per unit of `peak` (Mon–Sat, shape × day factor). */
const MEAN_OPEN = (() => {
  let sum = 0;
  let n = 0;
  for (let wd = 1; wd <= 7; wd++) {
    const open = OPEN[wd];
    if (open == null) continue;
    for (let h = open[0]; h < open[1]; h++) {
      sum += (HOUR_SHAPE[h] as number) * (DAY_FACTOR[wd] as number);
      n++;
    }
  }
  return sum / n;
})();

/** Missed Saturday peaks: 12:00–16:00 at a weekday's level. */
const SAT_PEAK = { from: 12, to: 16, factor: 0.6 };

/** Picks incidents on distinct open days from `fromWeek` on: outages 2–6 h, 3 h 3× spikes, -50 % days. */
function planIncidents(
  start: DateTime,
  weeks: number,
  fromWeek: number,
  rand: () => number,
  mix: "classic" | "issue",
): Incident[] {
  const days: DateTime[] = [];
  for (let d = fromWeek * 7; d < weeks * 7; d++) {
    const day = start.plus({ days: d });
    if (OPEN[day.weekday] != null) days.push(day);
  }
  // Shuffle, then take one day per incident so incidents never overlap.
  for (let i = days.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [days[i], days[j]] = [days[j] as DateTime, days[i] as DateTime];
  }
  const kinds: IncidentKind[] =
    mix === "classic"
      ? [...Array(10).fill("outage"), ...Array(4).fill("spike"), ...Array(4).fill("half_day")]
      : [...Array(5).fill("outage"), ...Array(4).fill("spike"), ...Array(3).fill("half_day")];
  const out: Incident[] = [];
  const used = new Set<number>();
  if (mix === "issue") {
    // Two Saturdays (after the shuffle, so which ones depends on the seed) miss their peak.
    const saturdays = days.filter((d) => d.weekday === 6).slice(0, 2);
    for (const day of saturdays) {
      used.add(days.indexOf(day));
      out.push({
        kind: "missed_peak",
        start: day.set({ hour: SAT_PEAK.from }).toMillis(),
        end: day.set({ hour: SAT_PEAK.to }).toMillis(),
      });
    }
  }
  const free = days.filter((_, i) => !used.has(i));
  kinds.forEach((kind, n) => {
    const day = free[n];
    if (day === undefined) return;
    const [open, close] = OPEN[day.weekday] as [number, number];
    if (kind === "half_day") {
      out.push({ kind, start: day.set({ hour: open }).toMillis(), end: day.set({ hour: close }).toMillis() });
      return;
    }
    const spikeHours = mix === "classic" ? 3 : 1 + Math.floor(rand() * 3);
    const hours = kind === "outage" ? 2 + Math.floor(rand() * 5) : spikeHours;
    const from = open + Math.floor(rand() * (close - open - hours + 1));
    out.push({
      kind,
      start: day.set({ hour: from }).toMillis(),
      end: day.set({ hour: from + hours }).toMillis(),
    });
  });
  return out.sort((a, b) => a.start - b.start);
}

export function mallSeries(opts: MallOptions): MallSeries {
  const tz = opts.tz ?? "Europe/Oslo";
  const step = opts.stepMinutes ?? 60;
  const peak = opts.perOpenHour !== undefined ? opts.perOpenHour / MEAN_OPEN : (opts.peak ?? 30);
  const rand = rng(opts.seed);
  const start = DateTime.fromISO(opts.start ?? "2026-08-03", { zone: tz }).startOf("day");
  const end = start.plus({ weeks: opts.weeks });
  const fromWeek = opts.incidentsFromWeek === undefined ? 4 : opts.incidentsFromWeek;
  const incidents =
    fromWeek === null ? [] : planIncidents(start, opts.weeks, fromWeek, rand, opts.mix ?? "classic");
  const rates: number[] = [];
  const times: number[] = [];
  const values: number[] = [];
  let dayNoise = 1;
  let dayKey = "";
  for (let t = start.toMillis(); t < end.toMillis(); t += step * 60_000) {
    const local = DateTime.fromMillis(t, { zone: tz });
    const key = local.toISODate() ?? "";
    if (key !== dayKey) {
      dayKey = key;
      dayNoise = Math.exp(0.08 * (rand() + rand() + rand() - 1.5) * 2);
    }
    const weeksIn = (t - start.toMillis()) / (7 * 86_400_000);
    let rate = isOpen(local)
      ? peak * (HOUR_SHAPE[local.hour] as number) * (DAY_FACTOR[local.weekday] as number)
      : 0;
    rate *= dayNoise * (1 + 0.01 * weeksIn) * (step / 60);
    rates.push(rate);
    const hit = incidents.find((x) => t >= x.start && t < x.end);
    if (hit?.kind === "outage") rate = 0;
    else if (hit?.kind === "spike") rate *= 3;
    else if (hit?.kind === "half_day") rate *= 0.5;
    else if (hit?.kind === "missed_peak") rate *= SAT_PEAK.factor;
    times.push(t);
    values.push(poisson(rate, rand));
  }
  return { times, values, incidents, rates, tz, stepMs: step * 60_000 };
}
