/**
 * How the benchmarks start the bot: as production runs it, compiled by `npm run build`
 * (scripts/build.ts, here into bench/out/dist so the user's dist/ is left alone; built once per
 * benchmark process) with MALLOC_ARENA_MAX=2 as npm start and the Procfile set it. A setup may ask
 * for the sources through tsx with glibc's defaults instead, as `npm start` ran before: the burst
 * part measures both.
 *
 * For experiments, every bot process also gets BENCH_BOT_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof") before its file and BENCH_BOT_ENV (a JSON object, e.g.
 * '{"REPORT_CONCURRENCY":"8"}') over its environment.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type BotBuild = "compiled" | "tsx";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, "out", "dist");

let built: string | undefined;

/** Node's arguments that start bench/slack-bot (its own arguments follow). */
export function botCommand(how: BotBuild = "compiled"): string[] {
  const extra = process.env.BENCH_BOT_NODE_ARGS?.split(" ").filter((a) => a !== "") ?? [];
  if (how === "tsx") return [...extra, "--import", "tsx", join(here, "slack-bot.ts")];
  if (built === undefined) {
    const res = spawnSync(
      process.execPath,
      ["--import", "tsx", join(here, "..", "scripts", "build.ts"), "--out", OUT],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    if (res.status !== 0) throw new Error("bench: `npm run build` into bench/out/dist failed");
    built = join(OUT, "bench", "slack-bot.js");
  }
  return [...extra, built];
}

/** What the bot's environment gets on top of its configuration. */
export function botEnv(how: BotBuild = "compiled"): Record<string, string> {
  return {
    ...(how === "compiled" ? { MALLOC_ARENA_MAX: "2" } : {}),
    ...(process.env.BENCH_BOT_ENV ? (JSON.parse(process.env.BENCH_BOT_ENV) as Record<string, string>) : {}),
  };
}
