import type { Interval } from "../placewise/fields.ts";
import { MAX_DATA_POINTS } from "../placewise/fields.ts";
import type { Period } from "../placewise/query.ts";
import { bucketsInWords } from "./labels.ts";
import type { Note } from "./types.ts";
import { bucketLabel, rangeInWords } from "./when.ts";

/** "Last hour still filling in (data lags ~15 min)". */
export function incompleteNote(buckets: number, interval: Interval, dataLagMinutes: number): Note {
  const lag = dataLagMinutes > 0 ? ` (data lags ~${dataLagMinutes} min)` : "";
  return { code: "incomplete", text: `Last ${bucketsInWords(buckets, interval)} still filling in${lag}.` };
}

export function truncatedNote(
  truncatedBuckets: readonly number[],
  interval: Interval,
  zone: string,
  spanMs: number,
): Note {
  const where =
    truncatedBuckets.length === 0
      ? ""
      : ` in ${truncatedBuckets.length} bucket${truncatedBuckets.length === 1 ? "" : "s"} (first: ${bucketLabel(
          truncatedBuckets[0] as number,
          interval,
          zone,
          spanMs,
        )})`;
  return {
    code: "truncated",
    text: `Totals are lower bounds: the API cut its answer at ${MAX_DATA_POINTS} data points${where}.`,
  };
}

export function noDataNote(): Note {
  return { code: "no_data", text: "No offer usages in this range." };
}

export function noPreviousNote(previous: Period, zone: string): Note {
  return {
    code: "no_previous",
    text: `No data for the previous period (${rangeInWords(previous.fromMs, previous.toMs, zone)}) to compare with.`,
  };
}

export function partialComparisonNote(buckets: number, interval: Interval): Note {
  const length = bucketsInWords(buckets, interval);
  return {
    code: "partial_comparison",
    text: `The range is still running: the change compares its first ${length} with the same ${length} of the previous period.`,
  };
}

export function localTimeNote(zones: readonly string[], interval: Interval): Note {
  const unit = interval === "5m" ? "5 minutes" : bucketsInWords(1, interval);
  return {
    code: "local_time",
    text: `Clubs in ${zones.length} time zones (${zones.join(", ")}): each ${unit} sums the same local ${unit} in every club's zone.`,
  };
}
