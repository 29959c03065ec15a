/**
 * `npx offer-digest digest --query "last 24h interval=1h by=member_gender" --out DIR`: the digest a
 * channel would get, without Slack: DIR/message.json (Block Kit, as posted) and DIR/chart.png.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadConfig } from "../config.ts";
import { prepareDigest } from "../pipeline/digest.ts";
import { openPlacewise } from "../placewise/source.ts";
import { parseArgs, parseAt, required } from "./args.ts";

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["query", "out", "at"]);
  const words = required(args, "query", '"last 24h interval=1h"');
  const out = resolve(required(args, "out", "digest-out"));
  const config = loadConfig();
  const source = await openPlacewise(config.placewise);
  try {
    const at = parseAt(args.flags.get("at"));
    const prepared = await prepareDigest(words, at, {
      client: source.client,
      defaultTimezone: source.defaultClubTimezone ?? config.schedule.defaultTimezone,
    });
    await mkdir(out, { recursive: true });
    const ref = prepared.chart ? { imageUrl: "chart.png", altText: prepared.chart.altText } : null;
    await writeFile(join(out, "message.json"), `${JSON.stringify(prepared.message(ref), null, 2)}\n`);
    if (prepared.chart) await writeFile(join(out, "chart.png"), prepared.chart.png);
    console.log(prepared.message(ref).text);
    console.log(
      `\nWrote ${join(out, "message.json")}${prepared.chart ? ` and ${join(out, "chart.png")}` : ` (no chart: ${prepared.chartError})`}`,
    );
    return 0;
  } finally {
    await source.close();
  }
}
