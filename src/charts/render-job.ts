/**
 * One chart render as a render thread runs it (render-worker.mjs): plain data in, plain data out.
 * Errors come back as values, because an Error crossing threads loses its class and `code`, and
 * the digest's note needs the ChartError message as written.
 */
import { installZoneOffsetMemo } from "../util/zone-offsets.ts";
import { ChartError, type ChartErrorCode } from "./errors.ts";
import { renderAlertChart, renderTimeSeries } from "./render.ts";
import type { AlertChartInput, ChartSize, TimeSeriesChartInput } from "./types.ts";

installZoneOffsetMemo();

export type RenderTask =
  | { readonly kind: "time-series"; readonly input: TimeSeriesChartInput; readonly size: ChartSize }
  | { readonly kind: "alert"; readonly input: AlertChartInput; readonly size: ChartSize };

export type RenderAnswer =
  | {
      readonly ok: true;
      readonly png: Uint8Array;
      readonly svg: string;
      readonly width: number;
      readonly height: number;
      readonly svgMs: number;
      readonly pngMs: number;
    }
  | { readonly ok: false; readonly code: ChartErrorCode; readonly message: string };

export async function renderJob(task: RenderTask): Promise<RenderAnswer> {
  try {
    const chart =
      task.kind === "time-series"
        ? await renderTimeSeries(task.input, task.size)
        : await renderAlertChart(task.input, task.size);
    const { png, ...rest } = chart;
    return { ok: true, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), ...rest };
  } catch (e) {
    const code = e instanceof ChartError ? e.code : "render_failed";
    return { ok: false, code, message: (e as Error).message };
  }
}
