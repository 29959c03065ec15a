import { EN, type Lang, messages } from "../i18n/index.ts";
import { nextBucket } from "../placewise/grid.ts";
import type { QueryResult } from "../placewise/query.ts";
import { buildBreakdown } from "./breakdown.ts";
import { clubsInWords, filtersInWords } from "./filters.ts";
import { aggregationInWords, intervalWords } from "./labels.ts";
import {
  incompleteNote,
  localTimeNote,
  noDataNote,
  noPreviousNote,
  partialComparisonNote,
  previousTruncatedNote,
  truncatedNote,
} from "./notes.ts";
import { averageOf, changeOf, peakOf } from "./numbers.ts";
import { rangeLabel } from "./range-label.ts";
import { alignPrevious, gridOf, sum, sumByPosition, zonesOf } from "./series.ts";
import type { Breakdown, NamedSeries, Note, PreviousPeriod, Report } from "./types.ts";

export interface BuildOptions {
  /** The report's "now" (a scheduled digest passes its scheduled time, not the wall clock). */
  readonly now: number;
  /** Minutes the API lags real time; buckets ending later than now minus this are still filling in. */
  readonly dataLagMinutes: number;
  /** The language of every word in the report (title, labels, notes); English when absent. */
  readonly lang?: Lang;
}

/** Index of the first bucket whose end is newer than `cutoff`; `times.length` when all are complete. */
function firstIncomplete(
  times: readonly number[],
  cutoff: number,
  interval: QueryResult["interval"],
  zone: string,
) {
  for (let i = 0; i < times.length; i++)
    if (nextBucket(times[i] as number, interval, zone) > cutoff) return i;
  return times.length;
}

/**
 * All numbers of a digest from the current period's result and, when it could be fetched, the
 * previous period's (`query.range.previous`). Pure: the same inputs give the same report.
 */
export function buildReport(current: QueryResult, previous: QueryResult | null, opts: BuildOptions): Report {
  const { query, interval } = current;
  const m = opts.lang === undefined ? EN : messages(opts.lang);
  const { range } = query;
  const grid = gridOf(current);
  const { times, zone } = grid;
  const length = times.length;
  const localTime = current.rangeTimezone === "local";
  const zones = zonesOf(current, grid);
  const spanMs = range.toMs - range.fromMs;

  const values = sumByPosition(current.series, length);
  const total = sum(values);
  const elapsed = times.filter((t) => t < opts.now).length;
  const incompleteAt = firstIncomplete(times, opts.now - opts.dataLagMinutes * 60_000, interval, zone);
  const incompleteElapsed = Math.max(0, elapsed - incompleteAt);

  let prev: PreviousPeriod | null = null;
  let previousValues: (number | null)[] | null = null;
  if (previous !== null) {
    const prevAll = sumByPosition(previous.series, gridOf(previous).times.length);
    // A finished range compares whole periods (a 23 h day with the 24 h day before it); a running
    // one compares only as many buckets as have started, so "today" at 10:00 is not judged against
    // all of yesterday.
    const comparedBuckets = elapsed < length ? elapsed : prevAll.length;
    prev = {
      fromMs: range.previous.fromMs,
      toMs: range.previous.toMs,
      total: sum(prevAll),
      comparedTotal: sum(prevAll, comparedBuckets),
      comparedBuckets,
    };
    previousValues = alignPrevious(prevAll, length);
  }

  let breakdown: Breakdown | null = null;
  let breakdownSeries: NamedSeries[] = [];
  if (query.aggregateBy !== null) {
    const built = buildBreakdown(current.series, query.aggregateBy, length, m);
    breakdown = built.breakdown;
    breakdownSeries = built.series;
  }

  const notes: Note[] = [];
  if (current.truncated) notes.push(truncatedNote(current.truncatedBuckets, interval, zone, spanMs, m));
  if (previous?.truncated) notes.push(previousTruncatedNote(m));
  if (total === 0) notes.push(noDataNote(m));
  if (incompleteElapsed > 0) notes.push(incompleteNote(incompleteElapsed, interval, opts.dataLagMinutes, m));
  if (prev !== null && elapsed < length && elapsed > 0)
    notes.push(partialComparisonNote(elapsed, interval, m));
  if (previous === null) notes.push(noPreviousNote(range.previous, zone, m));
  if (localTime) notes.push(localTimeNote(zones, interval, m));

  const words = {
    per: intervalWords(interval, m),
    range: rangeLabel(range, m),
    place: localTime ? m.t("report.localTime") : zone,
  };
  return {
    query,
    lang: m.lang,
    title:
      query.aggregateBy === null
        ? m.t("report.title", words)
        : m.t("report.titleBy", { ...words, by: aggregationInWords(query.aggregateBy, m) }),
    filterWords: filtersInWords(query.filters, m),
    clubWords: clubsInWords(query.customer, m),
    timezone: zone,
    localTime,
    zones,
    interval,
    now: opts.now,
    dataLagMinutes: opts.dataLagMinutes,
    total,
    truncated: current.truncated,
    previous: prev,
    change: prev === null ? null : changeOf(total, prev.comparedTotal),
    peak: peakOf(times, values, interval, zone, spanMs, m),
    average: averageOf(total, elapsed, range.fromMs, Math.min(range.toMs, opts.now), zone),
    breakdown,
    series: {
      times,
      values,
      breakdown: breakdownSeries,
      previous: previousValues,
      elapsed,
      incompleteFrom: incompleteAt < length ? (times[incompleteAt] as number) : null,
    },
    notes,
  };
}
