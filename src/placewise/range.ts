/**
 * Turns a range as people say it ("last 24h", "this week", "from 2025-08-01 to 2025-08-27") into
 * instants in the query's zone, plus the period it is compared with. Calendar words are computed on
 * the local calendar, so "yesterday" in Oslo on a DST day is 23 or 25 hours long.
 */
import { DateTime, type DurationLikeObject } from "luxon";
import { InputError } from "../util/errors.ts";
import type { Interval } from "./fields.ts";
import { bucketStart } from "./grid.ts";
import type { Period, QueryRange } from "./query.ts";

export type RollingUnit = "minutes" | "hours" | "days" | "weeks";
export type CalendarWord = "today" | "yesterday" | "this_week" | "last_week" | "this_month" | "last_month";

export type RangeSpec =
  | { readonly kind: "rolling"; readonly amount: number; readonly unit: RollingUnit }
  | { readonly kind: "calendar"; readonly which: CalendarWord }
  | { readonly kind: "absolute"; readonly from: string; readonly to: string | null };

const UNIT_MS: Record<RollingUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};
const SHORT: Record<RollingUnit, string> = { minutes: "min", hours: "h", days: "days", weeks: "weeks" };

const CALENDAR: Record<CalendarWord, { unit: "day" | "week" | "month"; back: number; label: string }> = {
  today: { unit: "day", back: 0, label: "today" },
  yesterday: { unit: "day", back: 1, label: "yesterday" },
  this_week: { unit: "week", back: 0, label: "this week" },
  last_week: { unit: "week", back: 1, label: "last week" },
  this_month: { unit: "month", back: 0, label: "this month" },
  last_month: { unit: "month", back: 1, label: "last month" },
};

/** Parses `2025-08-01` or `2025-08-01T10:00` in `zone`; a date alone is that day's local midnight. */
export function parseLocalDate(text: string, zone: string): { dt: DateTime; dateOnly: boolean } {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ok = dateOnly || /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(text);
  const dt = ok ? DateTime.fromISO(text.replace(" ", "T"), { zone }) : DateTime.invalid("format");
  if (!dt.isValid) {
    throw new InputError(
      `\`${text}\` is not a date: expected YYYY-MM-DD (like 2025-08-01) or YYYY-MM-DDTHH:MM.`,
      text,
    );
  }
  return { dt, dateOnly };
}

/** The interval the API's `auto` would choose (<= 12 h: 5m, <= 3 days: 1h, else 1d), fixed per calendar word. */
export function autoInterval(spec: RangeSpec, zone: string, now: number): Interval {
  if (spec.kind === "calendar") return CALENDAR[spec.which].unit === "day" ? "1h" : "1d";
  const length =
    spec.kind === "rolling"
      ? spec.amount * UNIT_MS[spec.unit]
      : absoluteBounds(spec, zone, now).toMs - absoluteBounds(spec, zone, now).fromMs;
  if (length <= 12 * UNIT_MS.hours) return "5m";
  if (length <= 3 * UNIT_MS.days) return "1h";
  return "1d";
}

/**
 * The oldest date a range may name. The API doc gives no start of its data (1w and 1mo are "kept
 * forever"), but offer usages are app events and none exist before 2000; anything older is a typo
 * (1620, 0000) whose only effect would be thousands of empty buckets.
 */
export const EARLIEST_DATE = "2000-01-01";
/** Dates may name tomorrow (a person ahead of the server's zone says "to 2025-08-28" meaning today too), no later. */
const LATEST_AHEAD_MS = UNIT_MS.days;

/** Refuses a typed date outside [2000-01-01, now + 1 day], naming the word and the allowed dates. */
function checkDateBounds(text: string, dt: DateTime, zone: string, now: number): void {
  const earliest = DateTime.fromISO(EARLIEST_DATE, { zone });
  const latest = now + LATEST_AHEAD_MS;
  const allowed = `dates from ${EARLIEST_DATE} to ${fmtDay(latest, zone)}`;
  if (dt < earliest)
    throw new InputError(
      `\`${text}\` is too early: Placewise has no offer usages before ${EARLIEST_DATE}. Give ${allowed}.`,
      text,
    );
  if (dt.toMillis() > latest)
    throw new InputError(
      `\`${text}\` is in the future: there are no usages to count yet. Give ${allowed}.`,
      text,
    );
}

function absoluteBounds(
  spec: Extract<RangeSpec, { kind: "absolute" }>,
  zone: string,
  now: number,
): Period & { dateOnly: boolean } {
  const from = parseLocalDate(spec.from, zone);
  // A date alone as the end means "through that day": `to 2025-08-27` includes the 27th.
  const to = spec.to === null ? null : parseLocalDate(spec.to, zone);
  checkDateBounds(spec.from, from.dt, zone, now);
  if (to !== null && spec.to !== null) checkDateBounds(spec.to, to.dt, zone, now);
  const toMs = to === null ? now : to.dateOnly ? to.dt.plus({ days: 1 }).toMillis() : to.dt.toMillis();
  if (toMs <= from.dt.toMillis()) {
    throw new InputError(
      `The range ends before it starts (${spec.from} to ${spec.to ?? "now"}): put the earlier date first.`,
    );
  }
  return { fromMs: from.dt.toMillis(), toMs, dateOnly: from.dateOnly && (to === null || to.dateOnly) };
}

function shift(ms: number, zone: string, by: DurationLikeObject, sign: 1 | -1): number {
  const dt = DateTime.fromMillis(ms, { zone });
  return (sign === 1 ? dt.plus(by) : dt.minus(by)).toMillis();
}

function fmtDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd");
}

/**
 * Resolves a range at the instant `now`. Rolling ranges end at the start of the bucket in progress, so
 * "last 24h interval=1h" is exactly 24 whole hours; calendar words ending today run up to `now` and are
 * compared with the same stretch of the previous unit ("this week so far" against last week up to the
 * same weekday and time).
 */
export function resolveRange(spec: RangeSpec, interval: Interval, zone: string, now: number): QueryRange {
  if (spec.kind === "rolling") {
    const toMs = bucketStart(now, interval, zone);
    const by = { [spec.unit]: spec.amount };
    const fromMs = shift(toMs, zone, by, -1);
    const previous = { fromMs: shift(fromMs, zone, by, -1), toMs: fromMs };
    const label = `last ${spec.amount} ${spec.amount === 1 ? SHORT[spec.unit].replace(/s$/, "") : SHORT[spec.unit]}`;
    return { fromMs, toMs, timezone: zone, label, kind: "rolling", previous };
  }
  if (spec.kind === "calendar") {
    const c = CALENDAR[spec.which];
    const start = DateTime.fromMillis(now, { zone })
      .startOf(c.unit)
      .minus({ [`${c.unit}s`]: c.back });
    const fromMs = start.toMillis();
    const toMs = c.back === 0 ? now : start.plus({ [`${c.unit}s`]: 1 }).toMillis();
    const prevFrom = start.minus({ [`${c.unit}s`]: 1 });
    const prevTo = c.back === 0 ? shift(toMs, zone, { [`${c.unit}s`]: 1 }, -1) : start.toMillis();
    return {
      fromMs,
      toMs,
      timezone: zone,
      label: c.label,
      kind: "calendar",
      previous: { fromMs: prevFrom.toMillis(), toMs: Math.max(prevFrom.toMillis(), prevTo) },
    };
  }
  const b = absoluteBounds(spec, zone, now);
  const days = Math.round(
    DateTime.fromMillis(b.toMs, { zone }).diff(DateTime.fromMillis(b.fromMs, { zone }), "days").days,
  );
  const previous = b.dateOnly
    ? { fromMs: shift(b.fromMs, zone, { days }, -1), toMs: b.fromMs }
    : { fromMs: b.fromMs - (b.toMs - b.fromMs), toMs: b.fromMs };
  const label = b.dateOnly
    ? `${fmtDay(b.fromMs, zone)} to ${fmtDay(b.toMs - 1, zone)}`
    : `${spec.from.replace("T", " ")} to ${spec.to === null ? "now" : spec.to.replace("T", " ")}`;
  return { fromMs: b.fromMs, toMs: b.toMs, timezone: zone, label, kind: "absolute", previous };
}
