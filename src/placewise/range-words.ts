/** The range part of the query words: `today`, `last 24h`, `last 7 days`, `from A to B`, `since A`. */
import { InputError } from "../util/errors.ts";
import type { CalendarWord, RangeSpec, RollingUnit } from "./range.ts";

export const RANGE_HELP =
  "today, yesterday, last 24h, last 7d, last 30d, this week, last week, this month, last month, from 2025-08-01 to 2025-08-27";

const UNITS: Record<string, RollingUnit> = {
  m: "minutes",
  min: "minutes",
  mins: "minutes",
  minute: "minutes",
  minutes: "minutes",
  h: "hours",
  hr: "hours",
  hrs: "hours",
  hour: "hours",
  hours: "hours",
  d: "days",
  day: "days",
  days: "days",
  w: "weeks",
  wk: "weeks",
  week: "weeks",
  weeks: "weeks",
};
/** Longest allowed rolling range per unit: about five years, beyond any retention. */
const MAX_AMOUNT: Record<RollingUnit, number> = {
  minutes: 60 * 24 * 31,
  hours: 24 * 400,
  days: 1830,
  weeks: 260,
};

function rolling(amountText: string, unitText: string): RangeSpec | null {
  const unit = UNITS[unitText.toLowerCase()];
  if (unit === undefined || !/^\d{1,5}$/.test(amountText)) return null;
  const amount = Number(amountText);
  if (amount < 1 || amount > MAX_AMOUNT[unit]) return null;
  return { kind: "rolling", amount, unit };
}

/** Parses a range starting at words[i]; returns the spec and the index after it, or null. */
export function parseRangeWords(
  words: readonly string[],
  i: number,
): { spec: RangeSpec; next: number } | null {
  const w = (words[i] ?? "").toLowerCase();
  const n1 = (words[i + 1] ?? "").toLowerCase();
  if (w === "today") return { spec: { kind: "calendar", which: "today" }, next: i + 1 };
  if (w === "yesterday") return { spec: { kind: "calendar", which: "yesterday" }, next: i + 1 };
  if (w === "this" || w === "last" || w === "past") {
    if (w !== "past" && (n1 === "week" || n1 === "month")) {
      return { spec: { kind: "calendar", which: `${w}_${n1}` as CalendarWord }, next: i + 2 };
    }
    const bad = (): never => {
      const said = [w, n1, /^\d+$/.test(n1) ? (words[i + 2] ?? "") : ""].filter(Boolean).join(" ");
      const forms =
        w === "this"
          ? "this week or this month"
          : "last 24h, last 7d, last 30d, last week or last month (units m, h, d, w)";
      throw new InputError(`\`${said}\` is not a range I know: say ${forms}.`, said);
    };
    if (w === "this") return bad();
    // "last 24h", "last 7 days", "last hour"
    const glued = /^(\d+)([a-z]+)$/.exec(n1);
    if (glued) return { spec: rolling(glued[1] as string, glued[2] as string) ?? bad(), next: i + 2 };
    if (/^\d+$/.test(n1)) return { spec: rolling(n1, words[i + 2] ?? "") ?? bad(), next: i + 3 };
    return { spec: rolling("1", n1) ?? bad(), next: i + 2 };
  }
  if (w === "from" && n1 !== "") {
    if ((words[i + 2] ?? "").toLowerCase() === "to" && words[i + 3] !== undefined) {
      return {
        spec: { kind: "absolute", from: words[i + 1] as string, to: words[i + 3] as string },
        next: i + 4,
      };
    }
    return { spec: { kind: "absolute", from: words[i + 1] as string, to: null }, next: i + 2 };
  }
  if (w === "since" && n1 !== "")
    return { spec: { kind: "absolute", from: words[i + 1] as string, to: null }, next: i + 2 };
  // "24h" or "7d" alone, as people also type it.
  const bare = /^(\d+)([a-z]+)$/.exec(w);
  if (bare) {
    const spec = rolling(bare[1] as string, bare[2] as string);
    if (spec !== null) return { spec, next: i + 1 };
  }
  return null;
}
