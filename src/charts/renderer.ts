/**
 * Where the pipeline's charts are drawn: on the process's render pool once the runtime has opened
 * one (RENDER_THREADS), else on this thread (the CLI's `digest` and `render`, RENDER_THREADS=0,
 * tests). One process-wide slot, like sharp's own settings: the digest and alert steps are called
 * from jobs and listeners that should not each carry the pool.
 */
import type { RenderPool } from "./pool.ts";
import type { AlertChartInput, ChartSize, RenderedChart, TimeSeriesChartInput } from "./types.ts";

let active: RenderPool | null = null;

/** Set by the runtime at start; the last runtime started in a process wins. */
export function useRenderPool(pool: RenderPool): void {
  active = pool;
}

/** At stop: renders go back to this thread unless another runtime's pool took the slot since. */
export function leaveRenderPool(pool: RenderPool): void {
  if (active === pool) active = null;
}

/**
 * Charts being drawn, by what they draw: the same chart asked for again while it is drawn (30
 * people sending the same `/offers report` at once) waits for that one drawing instead of drawing
 * it again. Only while in flight: nothing is kept after it settles, so memory does not grow.
 */
const inFlight = new Map<string, Promise<RenderedChart>>();

function once(key: string, draw: () => Promise<RenderedChart>): Promise<RenderedChart> {
  const running = inFlight.get(key);
  if (running !== undefined) return running;
  const drawing = draw().finally(() => inFlight.delete(key));
  inFlight.set(key, drawing);
  return drawing;
}

export function drawTimeSeries(input: TimeSeriesChartInput, size: ChartSize = {}): Promise<RenderedChart> {
  return once(JSON.stringify(["time-series", input, size]), async () => {
    if (active !== null) return active.renderTimeSeries(input, size);
    // Loaded on demand: with a pool, Vega never needs to be in this thread's heap.
    const { renderTimeSeries } = await import("./render.ts");
    return renderTimeSeries(input, size);
  });
}

export async function drawAlertChart(input: AlertChartInput, size: ChartSize = {}): Promise<RenderedChart> {
  if (active !== null) return active.renderAlertChart(input, size);
  const { renderAlertChart } = await import("./render.ts");
  return renderAlertChart(input, size);
}
