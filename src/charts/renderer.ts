/**
 * Where the pipeline's charts are drawn: a `ChartDrawer` made by the runtime from its render pool
 * (RENDER_THREADS), or one that draws on this thread (the CLI's `digest` and `render`,
 * RENDER_THREADS=0, tests). It travels in the deps (`AppDeps.charts`, `DigestDeps.charts`), like
 * everything else the pipeline uses.
 */
import type { RenderPool } from "./pool.ts";
import type { AlertChartInput, ChartSize, RenderedChart, TimeSeriesChartInput } from "./types.ts";

export interface ChartDrawer {
  drawTimeSeries(input: TimeSeriesChartInput, size?: ChartSize): Promise<RenderedChart>;
  drawAlertChart(input: AlertChartInput, size?: ChartSize): Promise<RenderedChart>;
}

/** Draws on `pool`'s threads, or on this thread when it is null. */
export function chartDrawer(pool: RenderPool | null): ChartDrawer {
  /**
   * Charts being drawn, by what they draw: the same chart asked for again while it is drawn (30
   * people sending the same `/offers report` at once) waits for that one drawing instead of drawing
   * it again. Only while in flight: nothing is kept after it settles, so memory does not grow.
   */
  const inFlight = new Map<string, Promise<RenderedChart>>();
  const once = (key: string, draw: () => Promise<RenderedChart>): Promise<RenderedChart> => {
    const running = inFlight.get(key);
    if (running !== undefined) return running;
    const drawing = draw().finally(() => inFlight.delete(key));
    inFlight.set(key, drawing);
    return drawing;
  };
  return {
    drawTimeSeries: (input, size = {}) =>
      once(JSON.stringify(["time-series", input, size]), async () => {
        if (pool !== null) return pool.renderTimeSeries(input, size);
        // Loaded on demand: with a pool, Vega never needs to be in this thread's heap.
        const { renderTimeSeries } = await import("./render.ts");
        return renderTimeSeries(input, size);
      }),
    drawAlertChart: async (input, size = {}) => {
      if (pool !== null) return pool.renderAlertChart(input, size);
      const { renderAlertChart } = await import("./render.ts");
      return renderAlertChart(input, size);
    },
  };
}
