import { DAY_MS, dayMatches, timesOfDay } from "./calendar.ts";
import { type CronFields, parseCron } from "./cron.ts";
import { dayClock, epochToWall, zoneNamed } from "./dst.ts";
import type { ScheduleTiming } from "./types.ts";

const MINUTE = 60_000;
// `0 0 29 2 *` skips 2100 (not a leap year): 2096 → 2104 is 8 years, so 9 years of days always
// reach the next run of any schedule that runs at all.
const HORIZON_DAYS = 9 * 366;
const DEFAULT_CATCH_UP_LIMIT = 1000;

/**
 * The next `count` run instants (epoch ms) strictly after `afterMs`, ascending, under the DST
 * policy in dst.ts. Fewer only when 9 years pass without a run.
 */
export function nextRuns(s: ScheduleTiming, afterMs: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be an integer >= 0, got ${count}`);
  const out: number[] = [];
  if (count === 0) return out;
  for (const run of runsAfter(s, afterMs)) {
    out.push(run);
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Runs in (fromMs, toMs], ascending: the runs missed while a worker was down. At most `limit`
 * (default 1000), the earliest ones; the caller chooses the window (CATCH_UP_HOURS).
 */
export function runsBetween(
  s: ScheduleTiming,
  fromMs: number,
  toMs: number,
  limit = DEFAULT_CATCH_UP_LIMIT,
): number[] {
  const out: number[] = [];
  if (toMs <= fromMs || limit <= 0) return out;
  for (const run of runsAfter(s, fromMs)) {
    if (run > toMs) break;
    out.push(run);
    if (out.length >= limit) break;
  }
  return out;
}

/** Every run strictly after `afterMs`, lazily, until 9 years pass without one. */
export function* runsAfter(s: ScheduleTiming, afterMs: number): Generator<number> {
  const fields = cronFields(s.cron);
  const zone = zoneNamed(s.timezone);
  const times = timesOfDay(fields);
  // Start a day early: the local date of afterMs may hold runs later than afterMs, and its
  // previous day's runs are all filtered by the `> last` check.
  let day = Math.floor(epochToWall(zone, afterMs) / DAY_MS) * DAY_MS - DAY_MS;
  let last = afterMs;
  // Days since the last run (or the start): a yearly schedule keeps going, one that stops
  // matching for 9 years is over.
  for (let idle = 0; idle < HORIZON_DAYS; idle++, day += DAY_MS) {
    if (!dayMatches(fields, day)) continue;
    const toEpoch = dayClock(zone, day);
    for (const t of times) {
      const run = toEpoch(day + t * MINUTE);
      // Slots that merge at the end of a spring gap give the same instant: run it once.
      if (run > last) {
        last = run;
        idle = 0;
        yield run;
      }
    }
  }
}

const parsed = new Map<string, CronFields>();
const CACHE_SIZE = 500;

/** parseCron, remembered: a worker asks for the same few hundred subscriptions every minute. */
export function cronFields(cron: string): CronFields {
  let fields = parsed.get(cron);
  if (fields === undefined) {
    fields = parseCron(cron);
    if (parsed.size >= CACHE_SIZE) parsed.clear();
    parsed.set(cron, fields);
  }
  return fields;
}
