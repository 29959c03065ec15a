/**
 * Chart → PNG in-process: Vega-Lite template → Vega (compiled and parsed once per shape) → a fresh
 * headless View per chart → SVG → sharp. No browser, no canvas.
 */
import "./fonts.ts";
import * as vega from "vega";
import { parseTemplate } from "./compile.ts";
import { ChartError } from "./errors.ts";
import { svgToPng } from "./png.ts";
import { bindAlert } from "./templates/alert.ts";
import type { BoundChart } from "./templates/bind.ts";
import { DEFAULT_SCALE } from "./templates/theme.ts";
import { bindTimeSeries } from "./templates/time-series.ts";
import { vegaTextWidth } from "./text-metrics.ts";
import type { AlertChartInput, ChartSize, RenderedChart, TimeSeriesChartInput } from "./types.ts";
import { validateAlert, validateTimeSeries } from "./validate.ts";

/**
 * Parsed Vega runtimes by template key. Compile + parse cost ~7 ms a chart, a quarter of the whole
 * render; there are a few dozen shapes at most (flags × sizes), so the cache is bounded only as a guard.
 */
const runtimes = new Map<string, vega.Runtime>();

// Real DejaVu Sans advances instead of Vega's 0.8 em guess (see text-metrics.ts).
// vega exports `textMetrics` at runtime but not in its type declarations.
(vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
const MAX_RUNTIMES = 64;

function runtimeFor(bound: BoundChart): vega.Runtime {
  let runtime = runtimes.get(bound.key);
  if (runtime === undefined) {
    runtime = parseTemplate(bound.template);
    if (runtimes.size >= MAX_RUNTIMES) runtimes.delete(runtimes.keys().next().value as string);
    runtimes.set(bound.key, runtime);
  }
  return runtime;
}

/** SVG of a bound chart. The view is finalized on every path, or its dataflow stays reachable. */
export async function renderSvg(bound: BoundChart): Promise<string> {
  const view = new vega.View(runtimeFor(bound), { renderer: "none", logLevel: vega.Warn });
  try {
    for (const [name, rows] of Object.entries(bound.bindings.data)) view.data(name, rows as object[]);
    for (const [name, value] of Object.entries(bound.bindings.signals)) view.signal(name, value);
    return await view.toSVG();
  } catch (e) {
    throw new ChartError(
      "render_failed",
      `Could not draw the chart "${bound.key}": ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  } finally {
    view.finalize();
  }
}

export async function renderBound(bound: BoundChart, scale = DEFAULT_SCALE): Promise<RenderedChart> {
  const t0 = performance.now();
  const svg = await renderSvg(bound);
  const t1 = performance.now();
  const { png, width, height } = await svgToPng(svg, scale);
  const t2 = performance.now();
  return { png, svg, width, height, svgMs: t1 - t0, pngMs: t2 - t1 };
}

/** The digest chart. Throws ChartError("invalid_input") naming the field when the data is inconsistent. */
export async function renderTimeSeries(
  input: TimeSeriesChartInput,
  opts: ChartSize = {},
): Promise<RenderedChart> {
  validateTimeSeries(input);
  return renderBound(bindTimeSeries(input, opts), opts.scale);
}

/** The alert chart: values, expected band and line, threshold rule, anomalies in red. */
export async function renderAlertChart(input: AlertChartInput, opts: ChartSize = {}): Promise<RenderedChart> {
  validateAlert(input);
  return renderBound(bindAlert(input, opts), opts.scale);
}
