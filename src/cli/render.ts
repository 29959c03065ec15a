/**
 * `npx offer-digest render --query "last 7d interval=1d" --out chart.png [--at ISO] [--force]`: the digest
 * chart alone, through the same pipeline as a digest (query → fetch → report → chart), from the
 * configured API or the built-in simulator. An existing --out is kept unless --force.
 */
import { resolve } from "node:path";
import { ChartError } from "../charts/errors.ts";
import { chartDrawer } from "../charts/renderer.ts";
import { loadConfig } from "../config.ts";
import { prepareDigest } from "../pipeline/digest.ts";
import { openPlacewise } from "../start/placewise.ts";
import { parseArgs, parseAt, refuseOverwrite, required, writeNew } from "./args.ts";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["query", "out", "at"], ["force"]);
  const force = args.flags.has("force");
  const words = required(args, "query", '"last 7d interval=1d"');
  const out = resolve(required(args, "out", "chart.png"));
  const at = parseAt(args.flags.get("at"));
  await refuseOverwrite([out], force);
  const config = loadConfig();
  const source = await openPlacewise(config.placewise);
  try {
    const prepared = await prepareDigest(words, at, {
      client: source.client,
      defaultTimezone: source.defaultClubTimezone ?? config.schedule.defaultTimezone,
      defaultLanguage: config.defaultLanguage,
      // The CLI opens no render pool: the chart is drawn on this thread.
      charts: chartDrawer(null),
    });
    if (prepared.chart === null) {
      throw new ChartError(
        "render_failed",
        `No chart for "${words}": ${prepared.chartError ?? "unknown reason"}`,
      );
    }
    await writeNew(out, prepared.chart.png, force);
    console.log(`Wrote ${out} (${Math.round(prepared.chart.png.length / 1024)} KB): ${prepared.chart.title}`);
    return 0;
  } finally {
    await source.close();
  }
}
