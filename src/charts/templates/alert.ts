/**
 * The alert chart: the watched counts, what was expected (dashed line in a shaded band), the limit
 * (a rule) and the buckets that fired (red points), so the reader sees at a glance why it fired.
 */
import { messages, NUMBER_LOCALE } from "../../i18n/index.ts";
import type { AlertChartInput } from "../types.ts";
import type { BoundChart, VegaLiteSpec } from "./bind.ts";
import { inline } from "./bind.ts";
import { frame, type Size, size, timeParams, timeSignals, xIndex, yCount, yFloor } from "./parts.ts";
import { ALERT, MAIN, MUTED } from "./theme.ts";

export interface AlertShape {
  readonly band: boolean;
  readonly expected: boolean;
  readonly threshold: boolean;
  readonly anomalies: boolean;
}

export function alertShape(input: AlertChartInput): AlertShape {
  return {
    band: input.low !== undefined && input.high !== undefined,
    expected: input.expected !== undefined,
    threshold: input.threshold !== undefined,
    anomalies: (input.anomalies?.length ?? 0) > 0,
  };
}

/** Named data "rows" ({i, v, e, lo, hi, a}) and "threshold" ({t}); params as in parts.ts. */
export function alertTemplate(shape: AlertShape, sz: Size): VegaLiteSpec {
  const x = xIndex();
  const layer: object[] = [];
  if (shape.band) {
    layer.push({
      mark: { type: "area", color: "#56B4E9", opacity: 0.25, description: "expected range" },
      encoding: { x, y: yCount("lo"), y2: { field: "hi" } },
    });
  }
  if (shape.expected) {
    layer.push({
      mark: { type: "line", color: MUTED, strokeWidth: 1.5, strokeDash: [5, 4], description: "expected" },
      encoding: { x, y: yCount("e") },
    });
  }
  layer.push({
    mark: { type: "line", color: MAIN, strokeWidth: { expr: "lineWidth" }, description: "actual" },
    encoding: { x, y: yCount("v") },
  });
  if (shape.threshold) {
    // Its own one-row data set, not a `datum`: Vega-Lite 6.4 writes a `datum: {expr}` into the y
    // domain as an object Vega ignores, so a limit above every value would fall off the chart.
    layer.push({
      data: { name: "threshold" },
      mark: { type: "rule", color: ALERT, strokeWidth: 1.5, strokeDash: [8, 4], description: "threshold" },
      encoding: { y: yCount("t") },
    });
  }
  if (shape.anomalies) {
    layer.push({
      transform: [{ filter: "datum.a" }],
      mark: {
        type: "point",
        filled: true,
        color: ALERT,
        size: 90,
        opacity: 1,
        stroke: "white",
        strokeWidth: 1,
        description: "anomaly",
      },
      encoding: { x, y: yCount("v") },
    });
  }
  layer.push(yFloor());
  return { ...frame(sz), params: timeParams(), data: { name: "rows" }, layer } as unknown as VegaLiteSpec;
}

function notes(input: AlertChartInput, shape: AlertShape): string[] {
  const out = input.subtitle ? [input.subtitle] : [];
  const m = messages(input.lang);
  if (shape.band) out.push(m.t("chart.band"));
  if (shape.threshold)
    out.push(m.t("chart.limit", { n: (input.threshold ?? 0).toLocaleString(NUMBER_LOCALE[m.lang]) }));
  if (shape.anomalies) out.push(m.t("chart.anomalies"));
  return out;
}

export function bindAlert(
  input: AlertChartInput,
  opts: { width?: number; height?: number } = {},
): BoundChart {
  const sz = size(opts);
  const shape = alertShape(input);
  const anomalies = new Set(input.anomalies ?? []);
  const rows = input.times.map((t, i) => ({
    i,
    v: input.values[i],
    e: input.expected?.[i] ?? null,
    lo: input.low?.[i] ?? null,
    hi: input.high?.[i] ?? null,
    a: anomalies.has(t),
  }));
  const signals: Record<string, unknown> = {
    ...timeSignals(
      input.times,
      input.interval,
      input.timezone,
      sz,
      input.title,
      notes(input, shape),
      input.lang,
    ),
  };
  const data: Record<string, object[]> = { rows };
  if (shape.threshold) data.threshold = [{ t: input.threshold }];
  return {
    key: `alert:${JSON.stringify(shape)}:${sz.width}x${sz.height}`,
    template: alertTemplate(shape, sz),
    bindings: { data, signals },
  };
}

export function alertSpec(
  input: AlertChartInput,
  opts: { width?: number; height?: number } = {},
): VegaLiteSpec {
  const bound = bindAlert(input, opts);
  return inline(bound.template, bound.bindings);
}
