/**
 * Pieces every time chart shares: the bucket-index x axis with its local-time labels, the count y
 * axis, size and title. Signals named here are filled by each chart's bindings.
 */

import { DATE_LOCALE, type Lang } from "../../i18n/index.ts";
import type { Interval } from "../../placewise/fields.ts";
import { fitText } from "../text-metrics.ts";
import type { TimeTicks } from "../time-axis.ts";
import { timeTicks } from "../time-axis.ts";
import { config, DEFAULT_HEIGHT, DEFAULT_WIDTH, SUBTITLE_SIZE, TITLE_SIZE, Y_AXIS_PX } from "./theme.ts";

/** Padding left and right of the title: longer titles end in "…" instead of running off the image. */
const TITLE_ROOM = 24;

export interface Size {
  readonly width: number;
  readonly height: number;
}

export function size(opts: { width?: number; height?: number } = {}): Size {
  return { width: opts.width ?? DEFAULT_WIDTH, height: opts.height ?? DEFAULT_HEIGHT };
}

/** Params every time chart declares; values come from `timeSignals`. */
export function timeParams(): Array<{ name: string; value: unknown }> {
  return ["tickValues", "tickLabels", "xDomain", "titleText", "subtitleText", "lineWidth"].map((name) => ({
    name,
    value: null,
  }));
}

/** The top-level frame: exact outer size (autosize fit), title, subtitle, theme. */
export function frame(sz: Size) {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: sz.width,
    height: sz.height,
    autosize: { type: "fit", contains: "padding" },
    title: { text: { expr: "titleText" }, subtitle: { expr: "subtitleText" } },
    config,
  } as const;
}

/**
 * x is the bucket index, not time: Vega's time scales follow the process zone and a continuous time
 * line would lay the repeated 02:00 hour on top of the first one. Tick positions and texts come from
 * signals, and Vega's own overlap pruning is off because its text widths are estimates.
 */
export function xIndex() {
  return {
    field: "i",
    type: "quantitative",
    scale: { domain: { expr: "xDomain" }, nice: false, zero: false },
    axis: {
      values: { expr: "tickValues" },
      labelExpr: "tickLabels[datum.value]",
      labelOverlap: false,
      labelFlush: true,
      grid: false,
      title: null,
      tickSize: 4,
    },
  } as const;
}

/**
 * Counts: whole numbers only, thousands shortened (1.5k, 35k) so the axis stays narrow. Per label,
 * not Vega's shared-prefix "s" format, which writes 0 as "0k" next to "6k".
 */
export function yCount(field: string, extra: object = {}) {
  return {
    field,
    type: "quantitative",
    axis: {
      title: null,
      labelExpr: "datum.value >= 1000 ? format(datum.value, '.3~s') : format(datum.value, ',')",
      tickMinStep: 1,
      // Clear of a dot drawn on the first bucket (radius 3.4 px at size 36).
      labelPadding: 8,
      grid: true,
      domain: false,
      ticks: false,
    },
    ...extra,
  } as const;
}

/**
 * An invisible layer holding y = 1, so a period with no usages at all still gets a 0–1 axis with
 * its line along the bottom, not a lone "0" with the line floating mid-chart.
 */
export function yFloor(): object {
  return { data: { values: [{ f: 1 }] }, mark: { type: "rule", opacity: 0 }, encoding: { y: yCount("f") } };
}

/**
 * A 2.5 px line reads well up to ~100 buckets (7+ px apart at 720 px); at 720 hourly buckets
 * (1 px apart) it turns into a solid band, so the line thins as buckets crowd.
 */
function lineWidth(buckets: number): number {
  if (buckets <= 100) return 2.5;
  return buckets <= 300 ? 1.75 : 1.25;
}

/** Signals for the x axis and titles. One bucket still gets a domain one bucket wide. */
export function timeSignals(
  times: readonly number[],
  interval: Interval,
  timezone: string,
  sz: Size,
  title: string,
  subtitle: readonly string[],
  lang: Lang = "en",
): Record<string, unknown> {
  // English axes keep en-US ("Sep", not en-GB's "Sept"), as they were before languages.
  const locale = lang === "en" ? undefined : DATE_LOCALE[lang];
  const ticks: TimeTicks = timeTicks(times, interval, timezone, sz.width - Y_AXIS_PX, locale);
  const last = Math.max(0, times.length - 1);
  return {
    tickValues: ticks.values,
    tickLabels: ticks.labels,
    xDomain: last === 0 ? [-0.5, 0.5] : [0, last],
    titleText: fitText(title, sz.width - TITLE_ROOM, TITLE_SIZE, true),
    subtitleText: fitText(subtitle.join("  ·  "), sz.width - TITLE_ROOM, SUBTITLE_SIZE),
    lineWidth: lineWidth(times.length),
  };
}
