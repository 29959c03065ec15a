/**
 * The benchmarks run the bot as production runs it: compiled by `npm run build` (scripts/build.ts),
 * here into bench/out/dist so the user's dist/ is left alone. Built once per benchmark process.
 * A setup may ask for the sources through tsx instead, as `npm start` runs without a build: the
 * burst part measures both, the difference is the loader thread and the compiled sources it keeps.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, "out", "dist");

let built: string | undefined;

/** Node's arguments that start bench/slack-bot: the compiled file, or the source through tsx. */
export function botCommand(how: "compiled" | "tsx" = "compiled"): string[] {
  if (how === "tsx") return ["--import", "tsx", join(here, "slack-bot.ts")];
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
  return [built];
}
