import { type Lang, messages } from "../i18n/index.ts";
import type { Interval } from "../placewise/fields.ts";
import type { Report } from "./types.ts";

/** The chart renderer's input (src/charts), restated here as plain data so report does not import charts. */
export interface ChartSeriesInput {
  title: string;
  subtitle?: string;
  timezone: string;
  interval: Interval;
  lang?: Lang;
  series: Array<{ name: string; times: number[]; values: number[] }>;
  previous?: { times: number[]; values: (number | null)[] };
  incompleteFrom?: number;
}

/**
 * A report's series in the chart's shape. The current series stop at the last bucket that has
 * started (the future part of "today" is not zero usages, it has not happened); the previous period
 * keeps the whole grid, so "yesterday" shows how the rest of the day may go.
 */
export function chartSeries(report: Report): ChartSeriesInput {
  const { series } = report;
  // Nothing started yet: draw the empty grid rather than no axis at all.
  const end = series.elapsed > 0 ? series.elapsed : series.times.length;
  const times = series.times.slice(0, end);
  const lines =
    series.breakdown.length > 0
      ? series.breakdown.map((s) => ({ name: s.name, times, values: s.values.slice(0, end) }))
      : [{ name: messages(report.lang).t("report.series"), times, values: series.values.slice(0, end) }];
  const out: ChartSeriesInput = {
    title: report.title,
    timezone: report.timezone,
    interval: report.interval,
    series: lines,
  };
  if (report.lang !== undefined && report.lang !== "en") out.lang = report.lang;
  if (report.filterWords !== "") out.subtitle = report.filterWords;
  if (series.previous !== null) out.previous = { times: [...series.times], values: [...series.previous] };
  if (series.incompleteFrom !== null && series.incompleteFrom < report.now)
    out.incompleteFrom = series.incompleteFrom;
  return out;
}
