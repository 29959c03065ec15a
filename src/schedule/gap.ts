import { DAY_MS, dayMatches, timesOfDay } from "./calendar.ts";
import type { CronFields } from "./cron.ts";

export interface Spacing {
  /** Days that run in the 8-year window (0: the schedule never runs). */
  readonly runDays: number;
  /** The shortest wall-clock gap between two consecutive runs, in minutes (Infinity: one run). */
  readonly shortestMinutes: number;
  /** Whether every gap is that shortest one (`*\/15`), as opposed to a closest pair (`0,2`). */
  readonly even: boolean;
}

// 2024-2031: two leap days and every weekday on every date, so impossible dates (`31 2`) show
// up as zero run days and rare ones (`29 2`) as at least one.
const WINDOW_START = Date.UTC(2024, 0, 1);
const WINDOW_DAYS = 8 * 366;
const MINUTES_PER_DAY = 1440;

/**
 * How closely a cron's runs follow each other on the wall clock, worked out from its fields over
 * 8 calendar years instead of by listing runs (`* * * * *` would be 4 million of them). The
 * time-of-day list is the same every run day, so the gaps are the gaps inside that list and the
 * jump from the last time of one run day to the first time of the next.
 */
export function spacing(f: CronFields): Spacing {
  const times = timesOfDay(f);
  const first = times[0] ?? 0;
  const lastTime = times[times.length - 1] ?? 0;
  const inDay = new Set<number>();
  for (let i = 1; i < times.length; i++) inDay.add((times[i] ?? 0) - (times[i - 1] ?? 0));

  const dayGaps = new Set<number>();
  let runDays = 0;
  let previous: number | undefined;
  for (let i = 0; i < WINDOW_DAYS; i++) {
    const day = WINDOW_START + i * DAY_MS;
    if (!dayMatches(f, day)) continue;
    runDays++;
    if (previous !== undefined) dayGaps.add((day - previous) / DAY_MS);
    previous = day;
  }
  const across = [...dayGaps].map((days) => days * MINUTES_PER_DAY - (lastTime - first));
  const all = new Set([...inDay, ...across]);
  const shortestMinutes = all.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...all);
  return { runDays, shortestMinutes, even: all.size <= 1 };
}
