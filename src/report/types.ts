import type { Lang } from "../i18n/index.ts";
import type { Aggregation, Interval } from "../placewise/fields.ts";
import type { Query } from "../placewise/query.ts";

/** up/down/flat against the previous period; "new" when the previous period had no usages at all. */
export type ChangeDirection = "up" | "down" | "flat" | "new";

export interface Change {
  readonly direction: ChangeDirection;
  /** (current − previous) / previous × 100; null for "new" (no base to divide by). */
  readonly percent: number | null;
}

/** The period compared against, and what of it was compared. */
export interface PreviousPeriod {
  readonly fromMs: number;
  readonly toMs: number;
  /** Usages in the whole previous period. */
  readonly total: number;
  /**
   * Usages in the part compared with the current period: the first `comparedBuckets` buckets.
   * Equals `total` unless the current range is still running ("today" at 10:00 is compared with
   * yesterday until 10:00, not with all of yesterday).
   */
  readonly comparedTotal: number;
  readonly comparedBuckets: number;
}

export interface Peak {
  /** Bucket start, epoch ms. */
  readonly start: number;
  readonly value: number;
  /** Local time in words: "Sat 14:00"; the repeated hour carries its offset: "2026-10-25 02:00 (+01:00)". */
  readonly label: string;
}

export interface Average {
  /** Usages per elapsed bucket; null when no bucket has started yet. */
  readonly perBucket: number | null;
  /** Usages per calendar day in the zone (a 25 h day counts as one day); null for a zero-length range. */
  readonly perDay: number | null;
  /** Buckets that have started (a running range counts only those). */
  readonly buckets: number;
  /** Elapsed length in calendar days, fractional for partial days. */
  readonly days: number;
}

export interface BreakdownItem {
  /** The label in words: "female", "authorized", "unknown", or "other (7 more)". */
  readonly name: string;
  readonly total: number;
  /** Fraction of the grand total, 0..1 (0 when the grand total is 0). */
  readonly share: number;
  /** True for the "other" row that sums everything past the top 5. */
  readonly other: boolean;
  /** How many labels this row sums (1, or the count folded into "other"). */
  readonly labels: number;
}

export interface Breakdown {
  readonly by: Aggregation;
  /** The aggregation in words: "member gender". */
  readonly byWords: string;
  /** Largest first; top 5 plus "other" when there are more than 6 labels. */
  readonly items: readonly BreakdownItem[];
  /** Distinct labels before folding. */
  readonly labelCount: number;
}

export interface NamedSeries {
  readonly name: string;
  readonly values: readonly number[];
}

/** Everything the chart needs, on the current bucket grid. */
export interface ReportSeries {
  readonly times: readonly number[];
  /** The overall series: the sum of all series when aggregated or in local time. */
  readonly values: readonly number[];
  /** Top 5 + other when aggregated, else empty. */
  readonly breakdown: readonly NamedSeries[];
  /** Previous period bucket i against current bucket i; null where the previous period had no bucket i. */
  readonly previous: readonly (number | null)[] | null;
  /** Buckets that have started by `now` (later ones are still in the future). */
  readonly elapsed: number;
  /** Start of the first bucket still filling in (its end is newer than now − data lag), or null. */
  readonly incompleteFrom: number | null;
}

export type NoteCode =
  | "incomplete" // newest bucket still filling in
  | "truncated" // the API cut the answer at 1000 data points: totals are lower bounds
  | "no_data" // zero usages in the whole range
  | "no_previous" // nothing to compare with
  | "partial_comparison" // range still running: compared with the same part of the previous period
  | "local_time"; // clubs in several zones: buckets summed by local wall-clock position

export interface Note {
  readonly code: NoteCode;
  readonly text: string;
}

/** All numbers of one digest, computed once, so the message, the chart and the CLI never disagree. */
export interface Report {
  readonly query: Query;
  /** The language its words are in (src/i18n); absent means English. */
  readonly lang?: Lang;
  /** "Offer usages per hour, last 24 h, Europe/Oslo". */
  readonly title: string;
  /** The filters in words, "birthday or welcome offers, women"; "" without filters. Not escaped. */
  readonly filterWords: string;
  /** The clubs in words ("club 1000941", "all clubs"); null for the configured default. */
  readonly clubWords: string | null;
  /** Zone of `series.times` and of every label in this report. */
  readonly timezone: string;
  /** True when the API answered `range_timezone: "local"` (clubs in several zones). */
  readonly localTime: boolean;
  /** Every zone seen in the series (one unless `localTime`). */
  readonly zones: readonly string[];
  readonly interval: Interval;
  readonly now: number;
  readonly dataLagMinutes: number;
  readonly total: number;
  readonly truncated: boolean;
  readonly previous: PreviousPeriod | null;
  readonly change: Change | null;
  /** Null when every bucket is 0. */
  readonly peak: Peak | null;
  readonly average: Average;
  readonly breakdown: Breakdown | null;
  readonly series: ReportSeries;
  readonly notes: readonly Note[];
}
