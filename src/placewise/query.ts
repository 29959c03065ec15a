import type { Aggregation, FilterField, Interval } from "./fields.ts";

/** A scalar as the API takes it in a filter leaf. */
export type FilterValue = string | number | boolean | null;

/** `field` equals any of `values` (one value: `equal`; several: an `or` of `equal`s). */
export interface Filter {
  readonly field: FilterField;
  readonly values: readonly FilterValue[];
}

/** A half-open period [from, to) in epoch milliseconds, described for people. */
export interface Period {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The range of a query: when, in which zone, and what it is compared with.
 * `previous` is the period the digest compares against: for rolling ranges the same length just
 * before; for calendar ranges the previous calendar unit (`last week` compares with the week before).
 */
export interface QueryRange extends Period {
  readonly timezone: string;
  /** How a person would say it: "last 24 h", "this week", "2025-08-01 to 2025-08-27". */
  readonly label: string;
  readonly kind: "rolling" | "calendar" | "absolute";
  readonly previous: Period;
}

/** A validated query of `offers_usages_history`. Plain data: JSON-serialisable. */
export interface Query {
  readonly range: QueryRange;
  readonly interval: Interval;
  readonly filters: readonly Filter[];
  readonly aggregateBy: Aggregation | null;
  /** X-Customer header value (`id=1000941`, `id=1_2`, `all=all`); null means the configured default. */
  readonly customer: string | null;
}

/** One series laid on the full bucket grid: `values[i]` is the count in the bucket starting at `times[i]`. */
export interface GridSeries {
  /** The API's label object, e.g. `{ member_gender: "female" }`; `{}` without aggregation. */
  readonly label: Readonly<Record<string, string | number | boolean | null>>;
  /** IANA zone of this series' buckets (differs between series when `range_timezone` is "local"). */
  readonly timezone: string;
  /** Bucket starts, epoch ms, ascending, no gaps. */
  readonly times: readonly number[];
  /** Usage counts; a null or missing bucket in the API's answer is 0 here. */
  readonly values: readonly number[];
}

/** What the client returns for a query: complete series, or honestly marked as not complete. */
export interface QueryResult {
  readonly query: Query;
  readonly interval: Interval;
  /** The API's `range_timezone`: an IANA zone, or "local" when clubs in several zones were selected. */
  readonly rangeTimezone: string;
  readonly series: readonly GridSeries[];
  /**
   * True when at least one bucket hit the 1000 data point cut even after splitting down to a single
   * bucket: totals are then lower bounds and must be shown as such.
   */
  readonly truncated: boolean;
  /** Bucket starts (epoch ms) whose counts may be incomplete because of the cut. */
  readonly truncatedBuckets: readonly number[];
  /** Requests sent and rate-limit tokens spent for this result (cache hits cost nothing). */
  readonly cost: { readonly requests: number; readonly tokens: number; readonly cachedBuckets: number };
}
