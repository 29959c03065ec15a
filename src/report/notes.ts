import { EN, type Messages } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";
import { MAX_DATA_POINTS } from "../placewise/fields.ts";
import type { Period } from "../placewise/query.ts";
import { bucketsInWords } from "./labels.ts";
import type { Note } from "./types.ts";
import { bucketLabel, rangeInWords } from "./when.ts";

/** "Last hour still filling in (data lags ~15 min)". */
export function incompleteNote(
  buckets: number,
  interval: Interval,
  dataLagMinutes: number,
  m: Messages = EN,
): Note {
  const length = bucketsInWords(buckets, interval, m);
  return {
    code: "incomplete",
    text:
      dataLagMinutes > 0
        ? m.t("note.incompleteLag", { length, lag: dataLagMinutes })
        : m.t("note.incomplete", { length }),
  };
}

export function truncatedNote(
  truncatedBuckets: readonly number[],
  interval: Interval,
  zone: string,
  spanMs: number,
  m: Messages = EN,
): Note {
  const max = MAX_DATA_POINTS;
  const n = truncatedBuckets.length;
  const first = n === 0 ? "" : bucketLabel(truncatedBuckets[0] as number, interval, zone, spanMs, m);
  return {
    code: "truncated",
    text:
      n === 0
        ? m.t("note.truncated", { max })
        : n === 1
          ? m.t("note.truncatedOne", { max, first })
          : m.t("note.truncatedWhere", { max, n, first }),
  };
}

/** The previous period's answer was cut as well. */
export function previousTruncatedNote(m: Messages = EN): Note {
  return { code: "truncated", text: m.t("note.previousTruncated") };
}

export function noDataNote(m: Messages = EN): Note {
  return { code: "no_data", text: m.t("note.noData") };
}

export function noPreviousNote(previous: Period, zone: string, m: Messages = EN): Note {
  return {
    code: "no_previous",
    text: m.t("note.noPrevious", { range: rangeInWords(previous.fromMs, previous.toMs, zone, m) }),
  };
}

export function partialComparisonNote(buckets: number, interval: Interval, m: Messages = EN): Note {
  return {
    code: "partial_comparison",
    text: m.t("note.partial", { length: bucketsInWords(buckets, interval, m) }),
  };
}

export function localTimeNote(zones: readonly string[], interval: Interval, m: Messages = EN): Note {
  const unit = interval === "5m" ? m.t("len.minutes", { n: 5 }) : bucketsInWords(1, interval, m);
  return {
    code: "local_time",
    text: m.t("note.localTime", { count: zones.length, zones: zones.join(", "), unit }),
  };
}
