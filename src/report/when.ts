import { DateTime } from "luxon";
import { EN, type Messages } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;

function local(ms: number, zone: string, locale = "en-GB"): DateTime {
  // A fixed locale (English unless a language is asked for): labels must not change with the server's LANG.
  return DateTime.fromMillis(ms, { zone }).setLocale(locale);
}

function wallClock(ms: number, zone: string): number {
  return ms + local(ms, zone).offset * 60_000;
}

/**
 * Whether the local wall-clock time of `ms` also happens at another instant: the repeated hour when
 * clocks go back (02:00–02:59 twice in Europe/Oslo on 2026-10-25). Any other instant with the same
 * wall clock differs by an offset change, so checking the offsets 12 h either side is enough.
 */
export function isRepeatedLocalTime(ms: number, zone: string): boolean {
  const wall = wallClock(ms, zone);
  const here = local(ms, zone).offset;
  for (const around of [ms - 12 * HOUR, ms + 12 * HOUR]) {
    const other = ms + (here - local(around, zone).offset) * 60_000;
    if (other !== ms && wallClock(other, zone) === wall) return true;
  }
  return false;
}

/**
 * A bucket start in words, precise enough to find it on the chart. Within a week "Sat 14:00" is
 * unambiguous; longer ranges need the date. A repeated hour always gets date and offset, because
 * "Sun 02:00" would name two different buckets.
 */
export function bucketLabel(
  ms: number,
  interval: Interval,
  zone: string,
  spanMs: number,
  m: Messages = EN,
): string {
  const dt = local(ms, zone, m.dateLocale);
  switch (interval) {
    case "5m":
    case "1h":
      if (isRepeatedLocalTime(ms, zone)) return `${dt.toFormat("yyyy-MM-dd HH:mm")} (${dt.toFormat("ZZ")})`;
      return dt.toFormat(m.t(spanMs <= 7 * DAY ? "fmt.weekdayTime" : "fmt.weekdayDateTime"));
    case "1d":
      return dt.toFormat(m.t("fmt.weekdayDate"));
    case "1w":
      return m.t("range.weekOf", { date: dt.toFormat("yyyy-MM-dd") });
    case "1mo":
      return dt.toFormat(m.t("fmt.month"));
  }
}

/** A local date and time with its offset: "2025-08-01 08:00 (+02:00)". */
/**
 * An instant for people in messages and lists: "Thu 26 Nov 08:00"; in the repeated hour on the day
 * clocks go back, with its offset ("Sun 25 Oct 02:30 (+02:00)") so the two are told apart.
 */
export function whenInWords(ms: number, zone: string, m: Messages = EN): string {
  const dt = local(ms, zone, m.dateLocale);
  return dt.toFormat(m.t(isRepeatedLocalTime(ms, zone) ? "fmt.whenRepeated" : "fmt.when"));
}

export function localDateTime(ms: number, zone: string): string {
  const dt = local(ms, zone);
  return `${dt.toFormat("yyyy-MM-dd HH:mm")} (${dt.toFormat("ZZ")})`;
}

/**
 * A half-open range [from, to) in local words. Whole days show the last included day ("2025-08-01 to
 * 2025-08-26" for [Aug 1, Aug 27)), as a person would say it; anything else shows both instants.
 */
export function rangeInWords(fromMs: number, toMs: number, zone: string, m: Messages = EN): string {
  const from = local(fromMs, zone);
  const to = local(toMs, zone);
  const wholeDays = from.equals(from.startOf("day")) && to.equals(to.startOf("day"));
  if (wholeDays) {
    const last = to.minus({ days: 1 });
    const a = from.toFormat("yyyy-MM-dd");
    const b = last.toFormat("yyyy-MM-dd");
    return a === b ? a : m.t("range.fromTo", { from: a, to: b });
  }
  const sameDay = from.hasSame(to, "day");
  return m.t("range.fromTo", {
    from: from.toFormat("yyyy-MM-dd HH:mm"),
    to: sameDay ? to.toFormat("HH:mm") : to.toFormat("yyyy-MM-dd HH:mm"),
  });
}

/**
 * Length of [fromMs, toMs) in calendar days of `zone`: each local day counts its overlap divided by
 * that day's real length, so a 25 h DST day is one day and 12 h of a normal day is half a day.
 * Only the first and the last local day can be partial; the whole days between them are their
 * elapsed time in 24 h rounded (local days are 23 to 25 h, so the offset changes between two
 * midnights stay far under 12 h; a date a zone skipped, like Apia's 2011-12-30, is no day), so a
 * range of centuries costs the same as one of a week.
 */
export function calendarDays(fromMs: number, toMs: number, zone: string): number {
  if (toMs <= fromMs) return 0;
  const firstStart = local(fromMs, zone).startOf("day");
  const firstEnd = firstStart.plus({ days: 1 }).startOf("day");
  const share = (start: DateTime, end: DateTime, a: number, b: number) =>
    (b - a) / (end.toMillis() - start.toMillis());
  if (toMs <= firstEnd.toMillis()) return share(firstStart, firstEnd, fromMs, toMs);
  // The day holding the last included instant. Where clocks go back at midnight (Havana) 00:00
  // happens twice; asked from the second hour, luxon's start of day is the second 00:00, but the
  // day began at the first.
  let lastStart = local(toMs - 1, zone).startOf("day");
  const before = local(lastStart.toMillis() - 1, zone);
  if (before.hasSame(lastStart, "day")) lastStart = before.startOf("day");
  const lastEnd = lastStart.plus({ days: 1 }).startOf("day");
  const first = share(firstStart, firstEnd, fromMs, firstEnd.toMillis());
  const whole = Math.round((lastStart.toMillis() - firstEnd.toMillis()) / DAY);
  const last = share(lastStart, lastEnd, lastStart.toMillis(), toMs);
  return first + whole + last;
}
