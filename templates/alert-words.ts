/**
 * The words of an alert message: durations, the judged bucket, the value against what was expected,
 * and where the rule looks. Pure; shared by the messages, the thread replies and the preview.
 */
import { DateTime } from "luxon";
import { DETECTORS } from "../src/alerts/detectors/registry.ts";
import type { RuleKind } from "../src/alerts/rule.ts";
import type { Interval } from "../src/placewise/fields.ts";
import { nextBucket } from "../src/placewise/grid.ts";
import type { Filter } from "../src/placewise/query.ts";
import { clubsInWords, filtersInWords } from "../src/report/filters.ts";
import { whenInWords } from "../src/report/when.ts";
import { formatAverage, formatCount } from "./format.ts";

const MINUTE = 60_000;

/** "45 min", "2 h 10 min", "2 h", "1 d 3 h": rounded to the minute, at most two units. */
export function durationInWords(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.round((minutes - d * 24 * 60) / 60);
  return h === 0 ? `${d} d` : h === 24 ? `${d + 1} d` : `${d} d ${h} h`;
}

/** "Sat 14 Nov 14:00" in the rule's zone, in English whatever the server's locale. */
export function localWhen(ms: number, zone: string): string {
  return whenInWords(ms, zone);
}

/** The judged bucket for people: "14:00–15:00 on Sat 14 Nov", "Sat 14 Nov" for a day. */
export function bucketInWords(at: number, interval: Interval, zone: string): string {
  const from = DateTime.fromMillis(at, { zone }).setLocale("en-GB");
  const to = DateTime.fromMillis(nextBucket(at, interval, zone), { zone });
  switch (interval) {
    case "5m":
    case "1h":
      return `${from.toFormat("HH:mm")}–${to.toFormat("HH:mm")} on ${from.toFormat("ccc d LLL")}`;
    case "1d":
      return from.toFormat("ccc d LLL");
    case "1w":
      return `the week of ${from.toFormat("d LLL")}`;
    case "1mo":
      return from.toFormat("LLLL yyyy");
  }
}

const PER: Record<Interval, string> = {
  "5m": "per 5 minutes",
  "1h": "per hour",
  "1d": "per day",
  "1w": "per week",
  "1mo": "per month",
};

export function perInterval(interval: Interval): string {
  return PER[interval];
}

function n(x: number): string {
  return Math.abs(x) < 10 && !Number.isInteger(x) ? formatAverage(x) : formatCount(x);
}

export interface Expectation {
  readonly kind: RuleKind;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** What the rule expected: "at least 5", "at most 200", "40–80 (usually 60)", "at least 24 (40 before)". */
export function expectationInWords(e: Expectation): string {
  const { kind, expected, low, high } = e;
  const shape = DETECTORS[kind].expectation;
  const before = shape.reference && expected !== null ? ` (${n(expected)} before)` : "";
  switch (shape.kind) {
    case "floor":
      return low === null ? "no limit" : `at least ${n(low)}${before}`;
    case "ceiling":
      return high === null ? "no limit" : `at most ${n(high)}${before}`;
    case "band": {
      if (low === null || high === null) return "not known yet (still learning)";
      const usual = expected === null ? "" : ` (usually ${n(expected)})`;
      return `${formatCount(low)}–${formatCount(high)}${usual}`;
    }
  }
}

export interface Where {
  readonly filters: readonly Filter[];
  readonly customer: string | null;
  /** "member gender" when the rule has `by=`. */
  readonly byWords: string | null;
  /** The label this message is about: "women". */
  readonly label: string;
}

/** "birthday offers, women · club 1000941" or "all offer usages"; with `by=`: "… (member gender: women)". */
export function whereInWords(w: Where): string {
  const parts = [filtersInWords(w.filters) || "all offer usages"];
  const clubs = clubsInWords(w.customer);
  if (clubs !== null) parts.push(clubs);
  const where = parts.join(" · ");
  return w.byWords === null ? where : `${where} (${w.byWords}: ${w.label})`;
}
