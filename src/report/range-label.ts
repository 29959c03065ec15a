/**
 * The range's label ("last 24 h", "this week", "2025-08-01 to 2025-08-26") in a language. The
 * label is made in English by src/placewise/range.ts from the words as typed; the words are few
 * and fixed, so they are read back here rather than carried as a second structure in every Query.
 */
import type { Messages } from "../i18n/index.ts";
import type { QueryRange } from "../placewise/query.ts";

const CALENDAR = {
  today: "range.today",
  yesterday: "range.yesterday",
  "this week": "range.thisWeek",
  "last week": "range.lastWeek",
  "this month": "range.thisMonth",
  "last month": "range.lastMonth",
} as const;

const ROLLING = {
  min: "range.lastMin",
  h: "range.lastH",
  day: "range.lastDay",
  days: "range.lastDays",
  week: "range.lastWeekRolling",
  weeks: "range.lastWeeks",
} as const;

export function rangeLabel(range: Pick<QueryRange, "label" | "kind">, m: Messages): string {
  // English is the label itself, byte for byte.
  if (m.lang === "en") return range.label;
  const calendar = CALENDAR[range.label as keyof typeof CALENDAR];
  if (range.kind === "calendar" && calendar !== undefined) return m.t(calendar);
  const rolling = /^last (\d+) (min|h|days?|weeks?)$/.exec(range.label);
  if (range.kind === "rolling" && rolling !== null)
    return m.t(ROLLING[rolling[2] as keyof typeof ROLLING], { n: Number(rolling[1]) });
  const span = /^(.+) to (.+)$/.exec(range.label);
  if (range.kind === "absolute" && span !== null) {
    const to = span[2] === "now" ? m.t("range.now") : (span[2] as string);
    return m.t("range.fromTo", { from: span[1] as string, to });
  }
  return range.label;
}
