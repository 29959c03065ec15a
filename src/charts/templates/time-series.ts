/**
 * The digest chart: usages per bucket over the period, in the query's time zone. One series is an
 * area with a line; a breakdown (top 5 + "other") is stacked areas with a legend. The previous period
 * is a faint dashed line, and buckets still filling in are drawn lighter and dotted.
 */

import { messages } from "../../i18n/index.ts";
import { nextBucket } from "../../placewise/grid.ts";
import { fitText } from "../text-metrics.ts";
import type { TimeSeriesChartInput } from "../types.ts";
import type { BoundChart, VegaLiteSpec } from "./bind.ts";
import { inline } from "./bind.ts";
import { frame, type Size, size, timeParams, timeSignals, xIndex, yCount, yFloor } from "./parts.ts";
import { LEGEND_LABEL_PX, LEGEND_SIZE, MAIN, MUTED, OTHER_COLOUR, PALETTE } from "./theme.ts";

/** What changes the structure of the spec; everything else is data and signals. */
export interface TimeSeriesShape {
  readonly stacked: boolean;
  readonly previous: boolean;
  readonly incomplete: boolean;
  /** Dots on the line: only while buckets are far enough apart to see them (≤ 31, a month of days). */
  readonly points: boolean;
}

/**
 * Index of the first bucket still filling in: the one holding `incompleteFrom` (a time inside a
 * bucket makes that whole bucket incomplete); null when the data is complete.
 */
function incompleteAt(input: TimeSeriesChartInput): number | null {
  const times = input.series[0]?.times ?? [];
  const from = input.incompleteFrom;
  const last = times[times.length - 1];
  if (from === undefined || last === undefined) return null;
  if (from >= nextBucket(last, input.interval, input.timezone)) return null;
  let at = 0;
  while (at + 1 < times.length && (times[at + 1] as number) <= from) at++;
  return at;
}

const MAX_POINTS = 31;
const LINE = { expr: "lineWidth" };
/** Mark descriptions end up as aria-labels in the SVG: what a screen reader (and a test) can find. */
const STILL = "still counting";

export function timeSeriesShape(input: TimeSeriesChartInput): TimeSeriesShape {
  const n = input.series[0]?.times.length ?? 0;
  return {
    stacked: input.series.length > 1,
    previous: input.previous !== undefined,
    incomplete: incompleteAt(input) !== null,
    points: input.series.length === 1 && n <= MAX_POINTS,
  };
}

// The dotted part starts one bucket early: the segment leading into a filling bucket is dotted too,
// and the two parts share that point so they join without a gap.
const COMPLETE = { filter: "datum.i < incompleteAt" };
const FILLING = { filter: "datum.i >= incompleteAt - 1" };

function singleLayers(shape: TimeSeriesShape): object[] {
  const y = yCount("v");
  const x = xIndex();
  const solid = shape.incomplete ? [COMPLETE] : [];
  const layers: object[] = [
    {
      transform: solid,
      mark: { type: "area", color: MAIN, opacity: 0.16, description: "usages" },
      encoding: { x, y },
    },
    {
      transform: solid,
      mark: { type: "line", color: MAIN, strokeWidth: LINE, description: "usages" },
      encoding: { x, y },
    },
  ];
  if (shape.incomplete) {
    layers.push(
      {
        transform: [FILLING],
        mark: { type: "area", color: MAIN, opacity: 0.07, description: STILL },
        encoding: { x, y },
      },
      {
        transform: [FILLING],
        mark: {
          type: "line",
          color: MAIN,
          strokeWidth: LINE,
          strokeDash: [2, 4],
          opacity: 0.8,
          description: STILL,
        },
        encoding: { x, y },
      },
    );
  }
  if (shape.points) {
    layers.push({
      mark: { type: "point", filled: true, color: MAIN, size: 36, opacity: 1, description: "usages" },
      encoding: { x, y },
    });
  }
  return layers;
}

function stackedLayers(shape: TimeSeriesShape): object[] {
  const encoding = {
    x: xIndex(),
    y: yCount("v", { stack: "zero" }),
    color: {
      field: "s",
      type: "nominal",
      scale: { domain: { expr: "seriesNames" }, range: { expr: "seriesColours" } },
    },
    order: { field: "o", type: "quantitative" },
  };
  const area = (opacity: number, description: string) => ({
    type: "area",
    opacity,
    stroke: "white",
    strokeWidth: 0.5,
    description,
  });
  if (!shape.incomplete) return [{ mark: area(0.9, "usages"), encoding }];
  return [
    { transform: [COMPLETE], mark: area(0.9, "usages"), encoding },
    { transform: [FILLING], mark: area(0.4, STILL), encoding },
  ];
}

function previousLayer(): object {
  return {
    data: { name: "previous" },
    mark: {
      type: "line",
      color: MUTED,
      strokeWidth: 1.5,
      strokeDash: [6, 4],
      opacity: 0.8,
      description: "previous period",
    },
    encoding: { x: xIndex(), y: yCount("p") },
  };
}

/** The template for a shape and size: named data "rows" ({i, v, s, o}) and "previous" ({i, p}). */
export function timeSeriesTemplate(shape: TimeSeriesShape, sz: Size): VegaLiteSpec {
  const params = [
    ...timeParams(),
    ...(shape.incomplete ? [{ name: "incompleteAt", value: null }] : []),
    ...(shape.stacked
      ? [
          { name: "seriesNames", value: null },
          { name: "seriesColours", value: null },
        ]
      : []),
  ];
  const layer = [...(shape.stacked ? stackedLayers(shape) : singleLayers(shape))];
  if (shape.previous) layer.push(previousLayer());
  layer.push(yFloor());
  return { ...frame(sz), params, data: { name: "rows" }, layer } as unknown as VegaLiteSpec;
}

/** Series names cut to fit the legend; the full names if cutting would make two alike. */
function legendNames(names: readonly string[]): string[] {
  const cut = names.map((n) => fitText(n, LEGEND_LABEL_PX, LEGEND_SIZE));
  return new Set(cut).size === cut.length ? cut : [...names];
}

/** Colours in series order; the "other" bucket of a breakdown is always grey. */
function colours(names: readonly string[]): string[] {
  let k = 0;
  return names.map((n) => (n === "other" ? OTHER_COLOUR : (PALETTE[k++ % PALETTE.length] as string)));
}

function notes(input: TimeSeriesChartInput, shape: TimeSeriesShape): string[] {
  const out = input.subtitle ? [input.subtitle] : [];
  const m = messages(input.lang);
  if (shape.previous) out.push(m.t("chart.previous"));
  if (shape.incomplete) out.push(m.t("chart.incomplete"));
  return out;
}

/** Template, bindings and cache key for one chart. Inputs are assumed validated (see src/charts/validate.ts). */
export function bindTimeSeries(
  input: TimeSeriesChartInput,
  opts: { width?: number; height?: number } = {},
): BoundChart {
  const sz = size(opts);
  const shape = timeSeriesShape(input);
  const times = input.series[0]?.times ?? [];
  const names = legendNames(input.series.map((s) => s.name));
  const rows: object[] = [];
  input.series.forEach((s, o) => {
    const name = names[o] as string;
    s.values.forEach((v, i) => {
      rows.push({ i, v, s: name, o });
    });
  });
  const signals: Record<string, unknown> = {
    ...timeSignals(times, input.interval, input.timezone, sz, input.title, notes(input, shape), input.lang),
  };
  if (shape.incomplete) {
    signals.incompleteAt = incompleteAt(input);
  }
  if (shape.stacked) {
    signals.seriesNames = names;
    signals.seriesColours = colours(names);
  }
  const data: Record<string, object[]> = { rows };
  if (input.previous) data.previous = input.previous.values.map((p, i) => ({ i, p }));
  return {
    key: `time-series:${JSON.stringify(shape)}:${sz.width}x${sz.height}`,
    template: timeSeriesTemplate(shape, sz),
    bindings: { data, signals },
  };
}

/** One self-contained Vega-Lite spec for the chart (data and labels inlined). */
export function timeSeriesSpec(
  input: TimeSeriesChartInput,
  opts: { width?: number; height?: number } = {},
): VegaLiteSpec {
  const bound = bindTimeSeries(input, opts);
  return inline(bound.template, bound.bindings);
}
