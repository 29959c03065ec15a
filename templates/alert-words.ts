/**
 * The words of an alert message: durations, the judged bucket, the value against what was expected,
 * and where the rule looks. Pure; shared by the messages, the thread replies and the preview.
 */
import { DateTime } from "luxon";
import { DETECTORS } from "../src/alerts/detectors/registry.ts";
import type { RuleKind } from "../src/alerts/rule.ts";
import { EN, type Messages } from "../src/i18n/index.ts";
import type { Interval } from "../src/placewise/fields.ts";
import { nextBucket } from "../src/placewise/grid.ts";
import type { Filter } from "../src/placewise/query.ts";
import { clubsInWords, filtersInWords } from "../src/report/filters.ts";
import { whenInWords } from "../src/report/when.ts";
import { formatAverage, formatCount } from "./format.ts";

const MINUTE = 60_000;

/** "45 min", "2 h 10 min", "2 h", "1 d 3 h": rounded to the minute, at most two units. */
export function durationInWords(ms: number, t: Messages = EN): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return t.t("dur.min", { m: minutes });
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? t.t("dur.h", { h }) : t.t("dur.hMin", { h, m });
  }
  const d = Math.floor(minutes / (24 * 60));
  const h = Math.round((minutes - d * 24 * 60) / 60);
  return h === 0 ? t.t("dur.d", { d }) : h === 24 ? t.t("dur.d", { d: d + 1 }) : t.t("dur.dH", { d, h });
}

/** "Sat 14 Nov 14:00" in the rule's zone, in the message's language whatever the server's locale. */
export function localWhen(ms: number, zone: string, m: Messages = EN): string {
  return whenInWords(ms, zone, m);
}

/** The judged bucket for people: "14:00–15:00 on Sat 14 Nov", "Sat 14 Nov" for a day. */
export function bucketInWords(at: number, interval: Interval, zone: string, m: Messages = EN): string {
  const from = DateTime.fromMillis(at, { zone }).setLocale(m.dateLocale);
  const to = DateTime.fromMillis(nextBucket(at, interval, zone), { zone });
  switch (interval) {
    case "5m":
    case "1h":
      return m.t("bucket.time", {
        from: from.toFormat(m.t("fmt.time")),
        to: to.toFormat(m.t("fmt.time")),
        day: from.toFormat(m.t("fmt.day")),
      });
    case "1d":
      return from.toFormat(m.t("fmt.day"));
    case "1w":
      return m.t("bucket.week", { date: from.toFormat(m.t("fmt.dayShort")) });
    case "1mo":
      return from.toFormat(m.t("fmt.month"));
  }
}

export function perInterval(interval: Interval, m: Messages = EN): string {
  return m.t(`per.${interval}`);
}

function n(x: number, m: Messages): string {
  return Math.abs(x) < 10 && !Number.isInteger(x) ? formatAverage(x, m) : formatCount(x, m);
}

export interface Expectation {
  readonly kind: RuleKind;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** What the rule expected: "at least 5", "at most 200", "40–80 (usually 60)", "at least 24 (40 before)". */
export function expectationInWords(e: Expectation, m: Messages = EN): string {
  const { kind, expected, low, high } = e;
  const shape = DETECTORS[kind].expectation;
  const before = (limit: string) =>
    shape.reference && expected !== null ? m.t("expect.before", { limit, n: n(expected, m) }) : limit;
  switch (shape.kind) {
    case "floor":
      return low === null ? m.t("expect.noLimit") : before(m.t("expect.atLeast", { n: n(low, m) }));
    case "ceiling":
      return high === null ? m.t("expect.noLimit") : before(m.t("expect.atMost", { n: n(high, m) }));
    case "band": {
      if (low === null || high === null) return m.t("expect.learning");
      const band = m.t("expect.band", { low: formatCount(low, m), high: formatCount(high, m) });
      return expected === null ? band : m.t("expect.usually", { band, n: n(expected, m) });
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
export function whereInWords(w: Where, m: Messages = EN): string {
  const parts = [filtersInWords(w.filters, m) || m.t("where.all")];
  const clubs = clubsInWords(w.customer, m);
  if (clubs !== null) parts.push(clubs);
  const where = parts.join(" · ");
  return w.byWords === null ? where : m.t("where.by", { where, by: w.byWords, label: w.label });
}
