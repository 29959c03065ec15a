/**
 * `npx offer-digest digest --query "last 24h interval=1h by=member_gender" --out DIR [--force]`: the
 * digest a channel would get, without Slack: DIR/message.json (Block Kit, as posted) and
 * DIR/chart.png. With --csv also DIR/usages.csv: the numbers behind it (src/report/csv.ts), the same
 * file the digest's CSV button posts in Slack. A DIR that already holds any of them is kept unless --force.
 */
import { mkdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { chartDrawer } from "../charts/renderer.ts";
import { loadConfig } from "../config.ts";
import { prepareDigest } from "../pipeline/digest.ts";
import { openPlacewise } from "../start/placewise.ts";
import { InputError } from "../util/errors.ts";
import { parseArgs, parseAt, refuseOverwrite, required, writeNew } from "./args.ts";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["query", "out", "at"], ["force", "csv"]);
  const force = args.flags.has("force");
  const withCsv = args.flags.has("csv");
  const words = required(args, "query", '"last 24h interval=1h"');
  const out = resolve(required(args, "out", "digest-out"));
  const messagePath = join(out, "message.json");
  const chartPath = join(out, "chart.png");
  const csvPath = join(out, "usages.csv");
  if ((await stat(out).catch(() => null))?.isFile()) {
    throw new InputError(
      `--out ${out} is a file: digest writes a folder (message.json and chart.png); name a folder.`,
    );
  }
  await refuseOverwrite(withCsv ? [messagePath, chartPath, csvPath] : [messagePath, chartPath], force);
  const config = loadConfig();
  const source = await openPlacewise(config.placewise);
  try {
    const at = parseAt(args.flags.get("at"));
    const prepared = await prepareDigest(words, at, {
      client: source.client,
      defaultTimezone: source.defaultClubTimezone ?? config.schedule.defaultTimezone,
      defaultLanguage: config.defaultLanguage,
      // The CLI opens no render pool: the chart is drawn on this thread.
      charts: chartDrawer(null),
    });
    await mkdir(out, { recursive: true });
    const ref = prepared.chart ? { imageUrl: "chart.png", altText: prepared.chart.altText } : null;
    const message = `${JSON.stringify(prepared.message(ref), null, 2)}\n`;
    await writeNew(messagePath, message, force);
    if (prepared.chart) await writeNew(chartPath, prepared.chart.png, force);
    // With --force and no chart this time, an older chart.png would sit beside a message without one.
    else await rm(chartPath, { force: true });
    const csv = withCsv ? prepared.csv() : null;
    if (csv !== null) await writeNew(csvPath, csv.text, force);
    console.log(prepared.message(ref).text);
    console.log(
      `\nWrote ${messagePath}${prepared.chart ? ` and ${chartPath}` : ` (no chart: ${prepared.chartError})`}`,
    );
    if (csv !== null) console.log(`Wrote ${csvPath}: ${csv.rows} rows, ${csv.total} usages`);
    return 0;
  } finally {
    await source.close();
  }
}
