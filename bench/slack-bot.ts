/**
 * The bot under benchmark, in its own process as in production (`npm start` runs role "all"), so
 * the load generator's event loop never shares time with the bot's. Configured from the environment
 * like `serve`; argv[2] is the simulator's answer latency in ms, argv[3] the role, argv[4]
 * "unlimited" switches report admission off (the flood benchmark's baseline: every report at once,
 * as before admission existed). Prints `{"port":N}` once ready.
 */
import { parseConfig } from "../src/config.ts";
import { startRuntime } from "../src/runtime.ts";
import { silentLogger } from "../src/util/log.ts";

const role = (process.argv[3] ?? "all") as "all" | "web";
const config = parseConfig(process.env);
const unlimited = process.argv[4] === "unlimited";
const runtime = await startRuntime(
  unlimited ? { ...config, reports: { concurrency: Number.POSITIVE_INFINITY, queue: 0 } } : config,
  { role, host: "127.0.0.1", log: silentLogger, testHooks: true },
);
runtime.placewise.simulator?.setLatency(Number(process.argv[2] ?? 0));
process.stdout.write(`${JSON.stringify({ port: runtime.web?.port })}\n`);
process.once("SIGTERM", () => {
  runtime.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
