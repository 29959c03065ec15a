/**
 * The bot under benchmark, in its own process as in production (`npm start` runs role "all"), so
 * the load generator's event loop never shares time with the bot's. Configured from the environment
 * like `serve`; argv[2] is the built-in simulator's answer latency in ms (ignored when
 * PLACEWISE_API_URL points at a simulator process), argv[3] the role ("all", "web", "worker": a worker
 * prints `{}`, it has no port), argv[4] "unlimited" switches
 * report admission off (the flood benchmark's baseline: every report at once, as before admission
 * existed). Prints `{"port":N}` once ready.
 *
 * BENCH_LOOP_DELAY_FILE=path: the event loop's delay is sampled every 10 ms (perf_hooks); each
 * SIGUSR2 appends `{"p50","p99","max"}` in ms since the previous SIGUSR2 as one JSON line to the
 * file and starts a new window. That is how long a callback (an ack) waited behind other work.
 * The line also holds the window's peak V8 heap in use (all threads' isolates are not included:
 * this thread only) and peak `external` + array buffers, sampled every 100 ms, in MB, so the
 * resident peak can be split into JavaScript heap and the rest (native: librsvg, libvips, malloc).
 */
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseConfig } from "../src/config.ts";
import { startRuntime } from "../src/runtime.ts";
import { silentLogger } from "../src/util/log.ts";

const role = (process.argv[3] ?? "all") as "all" | "web" | "worker";
const config = parseConfig(process.env);
const unlimited = process.argv[4] === "unlimited";
const runtime = await startRuntime(
  unlimited
    ? { ...config, reports: { ...config.reports, concurrency: Number.POSITIVE_INFINITY, queue: 0 } }
    : config,
  { role, host: "127.0.0.1", log: silentLogger, testHooks: true },
);
runtime.placewise.simulator?.setLatency(Number(process.argv[2] ?? 0));

const delayFile = process.env.BENCH_LOOP_DELAY_FILE;
if (delayFile !== undefined) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  let heapPeak = 0;
  let externalPeak = 0;
  setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    externalPeak = Math.max(externalPeak, m.external + m.arrayBuffers);
  }, 100).unref();
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  process.on("SIGUSR2", () => {
    const line = {
      p50: ms(h.percentile(50)),
      p99: ms(h.percentile(99)),
      max: ms(h.max),
      heapPeakMb: mb(heapPeak),
      externalPeakMb: mb(externalPeak),
    };
    appendFileSync(delayFile, `${JSON.stringify(line)}\n`);
    h.reset();
    heapPeak = 0;
    externalPeak = 0;
  });
}

process.stdout.write(`${JSON.stringify({ port: runtime.web?.port })}\n`);
process.once("SIGTERM", () => {
  runtime.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
