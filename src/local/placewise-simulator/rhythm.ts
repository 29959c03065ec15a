/**
 * When people use offers: mall opening hours, lunch and after-work peaks, the weekly rhythm, a mild
 * Christmas season, campaign weeks and the odd scanner outage. Everything is a function of the local
 * wall clock (so DST moves opening hours with the clock) and of the seed (so runs repeat).
 */
import type { OfferType } from "../../placewise/fields.ts";
import { unitHash } from "./random.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A local wall-clock reading of an instant. */
export interface LocalTime {
  /** Days since 1970-01-01 on the local calendar. */
  readonly epochDay: number;
  readonly minuteOfDay: number;
  /** 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
}

/** Reads the local wall clock of `ms` in a zone that is `offsetMinutes` ahead of UTC at that instant. */
export function localTime(ms: number, offsetMinutes: number): LocalTime {
  const local = ms + offsetMinutes * MINUTE_MS;
  const epochDay = Math.floor(local / DAY_MS);
  return {
    epochDay,
    minuteOfDay: Math.floor((local - epochDay * DAY_MS) / MINUTE_MS),
    // 1970-01-01 was a Thursday (4).
    weekday: ((((epochDay + 3) % 7) + 7) % 7) + 1,
  };
}

/** Opening hours in local minutes [open, close): Mon-Fri 10-21, Sat 10-18, Sun 12-18. */
export function openingHours(weekday: number): readonly [number, number] {
  if (weekday === 7) return [12 * 60, 18 * 60];
  if (weekday === 6) return [10 * 60, 18 * 60];
  return [10 * 60, 21 * 60];
}

/**
 * Share of a week's traffic per weekday, Monday first: Friday and Saturday are the big shopping days,
 * Sunday is short. A Wednesday is 1.
 */
const WEEKDAY_FACTOR = [0.85, 0.9, 1, 1.1, 1.25, 1.4, 0.75];

/** Closed-mall trickle relative to an open minute: ~5 usages a night for a club of 1400 a day. */
const NIGHT_SHAPE = 0.003;

function gauss(x: number, mean: number, sd: number): number {
  const z = (x - mean) / sd;
  return Math.exp(-0.5 * z * z);
}

/** Relative usage rate in one local minute of a day: lunch peak at 12:30, after-work peak at 17:15. */
function shape(minute: number, weekday: number): number {
  const [open, close] = openingHours(weekday);
  if (minute < open || minute >= close) return NIGHT_SHAPE;
  // The first and last half hour are quiet: doors just opened, shops closing.
  const edge = Math.min(1, (minute - open + 10) / 40, (close - minute) / 30);
  return edge * (0.6 + 0.9 * gauss(minute, 12.5 * 60, 50) + 1.1 * gauss(minute, 17.25 * 60, 70));
}

/** Sum of shape() over each weekday, so a day's expected total does not depend on its opening hours. */
const SHAPE_TOTAL = [1, 2, 3, 4, 5, 6, 7].map((wd) => {
  let sum = 0;
  for (let m = 0; m < 24 * 60; m++) sum += shape(m, wd);
  return sum;
});

/** December is ~25 % busier than June: 1 + 0.12 cos(...) peaking on 21 December. */
function season(epochDay: number): number {
  const dayOfYear = (epochDay - 354) / 365.25;
  return 1 + 0.12 * Math.cos(2 * Math.PI * dayOfYear);
}

/** Expected usages in the local minute `t` for a club of `weekdayUsages`, before campaigns and incidents. */
export function baseRate(weekdayUsages: number, t: LocalTime): number {
  const wd = t.weekday;
  return (
    (weekdayUsages * (WEEKDAY_FACTOR[wd - 1] as number) * season(t.epochDay) * shape(t.minuteOfDay, wd)) /
    (SHAPE_TOTAL[wd - 1] as number)
  );
}

/**
 * About one week in six (Monday to Sunday, local) a club runs a birthday or welcome campaign that
 * doubles the usage of that offer type.
 */
export function campaignOf(seed: number, clubId: number, epochDay: number): OfferType | null {
  const week = Math.floor((epochDay + 3) / 7); // +3: weeks start on Monday (epoch day 0 is a Thursday)
  if (unitHash(seed, clubId, week, 1) >= 1 / 6) return null;
  return unitHash(seed, clubId, week, 2) < 0.5 ? "birthday" : "welcome";
}

/** First local day of the Monday week holding `epochDay`. */
export function weekStartDay(epochDay: number): number {
  return epochDay - ((((epochDay + 3) % 7) + 7) % 7);
}

/**
 * About one day in 40 the QR scanners break for 1-3 hours, starting on a full hour between 11:00 and
 * 16:00 local, and nobody can use an offer: zero usages.
 */
export function outageOf(
  seed: number,
  clubId: number,
  epochDay: number,
): { from: number; to: number } | null {
  if (unitHash(seed, clubId, epochDay, 3) >= 1 / 40) return null;
  const startHour = 11 + Math.floor(unitHash(seed, clubId, epochDay, 4) * 6);
  const hours = 1 + Math.floor(unitHash(seed, clubId, epochDay, 5) * 3);
  return { from: startHour * 60, to: (startHour + hours) * 60 };
}
