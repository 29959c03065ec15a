import type { CronFields } from "./cron.ts";

/** Calendar arithmetic on plain dates (no zone): which days a cron's date fields select. */

export const DAY_MS = 86_400_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether the local date whose midnight is `dayMs` (`Date.UTC(y, m - 1, d)`) is selected.
 * Day-of-month and day-of-week combine with OR when both are restricted, AND otherwise (Vixie).
 */
export function dayMatches(f: CronFields, dayMs: number): boolean {
  const date = new Date(dayMs);
  const month = date.getUTCMonth() + 1;
  if (!f.months.has(month)) return false;
  const year = date.getUTCFullYear();
  const day = date.getUTCDate();
  const dom = f.daysOfMonth.has(day) || (f.lastDayOfMonth && day === daysInMonth(year, month));
  const dow = f.daysOfWeek.has(date.getUTCDay());
  return f.domRestricted && f.dowRestricted ? dom || dow : dom && dow;
}

/** The cron's times of day as minutes since local midnight, ascending. */
export function timesOfDay(f: CronFields): number[] {
  const out: number[] = [];
  for (const h of f.hours) for (const m of f.minutes) out.push(h * 60 + m);
  return out;
}
