/**
 * Charts rendered on worker threads (RENDER_THREADS, one per core by default), so the thread that
 * answers Slack never waits behind Vega. A 90-day hourly chart holds the JavaScript thread for
 * 70-400 ms (Vega dataflow, scenegraph, SVG text; the flood benchmark saw 0.7 s of event-loop delay
 * with 4 reports rendering), longer than the 300 ms an ack may take. sharp's PNG step already runs
 * on libuv's threads; it moves along so one thread does the whole chart.
 */
import "./fonts.ts";
// sharp is loaded here, on the main thread, although only render threads use it: with glibc a
// shared library is unloaded when the last thread holding it ends, and a later render thread then
// crashes on libvips' stale state (lovell/sharp#2263). Loading it here keeps it loaded. fonts.ts
// above sets FONTCONFIG_FILE in the real environment, which only the main thread can do: a worker's
// process.env is its own copy, while fontconfig (native, once per process) reads the real one.
import "sharp";
import { Piscina } from "piscina";
import { ChartError } from "./errors.ts";
import type { RenderAnswer, RenderTask } from "./render-job.ts";
import type { AlertChartInput, ChartSize, RenderedChart, TimeSeriesChartInput } from "./types.ts";

export interface RenderPool {
  readonly threads: number;
  renderTimeSeries(input: TimeSeriesChartInput, size?: ChartSize): Promise<RenderedChart>;
  renderAlertChart(input: AlertChartInput, size?: ChartSize): Promise<RenderedChart>;
  /**
   * Draws a small chart on every thread, so that loading Vega, parsing a template and fontconfig's
   * first font scan (1-5 s on a busy 2-core box) happen at start-up rather than in someone's first
   * report. False when a thread could not draw it (charts would then fail with a note).
   */
  warmUp(): Promise<boolean>;
  /** Lets running and queued renders finish, then ends the threads. */
  close(): Promise<void>;
}

const WORKER = new URL("./render-worker.mjs", import.meta.url);

const HOUR = 3_600_000;
const WARM_UP: TimeSeriesChartInput = {
  title: "warm-up",
  timezone: "UTC",
  interval: "1h",
  series: [{ name: "total", times: [0, HOUR, 2 * HOUR], values: [1, 3, 2] }],
};

/**
 * `workerFile` is for tests (a render that throws or ends its thread); it must default-export a
 * function from RenderTask to RenderAnswer, as render-worker.mjs does.
 */
export function openRenderPool(opts: { threads: number; workerFile?: URL }): RenderPool {
  if (!Number.isInteger(opts.threads) || opts.threads < 1)
    throw new RangeError(`a render pool needs at least 1 thread, got ${opts.threads}`);
  const pool = new Piscina<RenderTask, RenderAnswer>({
    filename: (opts.workerFile ?? WORKER).href,
    // Started up front: a thread's first chart loads tsx, Vega and the fonts (~1 s), which belongs
    // at start-up, not in someone's first report.
    minThreads: opts.threads,
    maxThreads: opts.threads,
    // Admission (REPORT_CONCURRENCY) and the worker's pool bound how many renders wait here.
    maxQueue: Number.POSITIVE_INFINITY,
    idleTimeout: Number.POSITIVE_INFINITY,
    // A thread's V8 heap otherwise grows toward the machine-sized default limit before it collects:
    // 60 renders of the 90-day hourly 3-series chart on 2 threads peaked at 850 MB resident without
    // a limit, 547 MB with these. The largest chart allowed (5000 buckets x 6 series) draws within it,
    // two at once on one thread; a chart past the limit ends its thread, and that digest goes out with the note, not the bot.
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 },
  });
  // A thread that dies is replaced by Piscina; its task is rejected, and that is handled per render.
  pool.on("error", () => {});
  const run = async (task: RenderTask): Promise<RenderedChart> => {
    let answer: RenderAnswer;
    try {
      answer = await pool.run(task);
    } catch (e) {
      throw new ChartError(
        "render_failed",
        `Could not draw the chart: its render thread failed (${(e as Error).message}).`,
        {
          cause: e,
        },
      );
    }
    if (!answer.ok) throw new ChartError(answer.code, answer.message);
    const { png, ...rest } = answer;
    return { png: Buffer.from(png.buffer, png.byteOffset, png.byteLength), ...rest };
  };
  return {
    threads: opts.threads,
    renderTimeSeries: (input, size = {}) => run({ kind: "time-series", input, size }),
    renderAlertChart: (input, size = {}) => run({ kind: "alert", input, size }),
    // One task per thread at once: each thread takes one task at a time, so every thread gets one.
    warmUp: async () => {
      const runs = Array.from({ length: opts.threads }, () =>
        run({ kind: "time-series", input: WARM_UP, size: {} }),
      );
      const settled = await Promise.allSettled(runs);
      return settled.every((r) => r.status === "fulfilled");
    },
    close: () => pool.close(),
  };
}
