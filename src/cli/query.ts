/**
 * `npx offer-digest query "last 30d interval=1h by=member_gender" [--json]`: runs a query through the
 * client and prints the series and totals, so a person can check the numbers by hand.
 */
import { DateTime } from "luxon";
import { loadConfig } from "../config.ts";
import type { QueryResult } from "../placewise/query.ts";
import { parseQuery } from "../placewise/words.ts";
import { openPlacewise } from "../start/placewise.ts";
import { InputError } from "../util/errors.ts";
import { parseArgs } from "./args.ts";

function labelText(label: Record<string, unknown>): string {
  const parts = Object.entries(label).map(([k, v]) => `${k}=${v === null ? "none" : String(v)}`);
  return parts.length === 0 ? "all usages" : parts.join(" ");
}

function table(result: QueryResult): string {
  const lines: string[] = [];
  const q = result.query;
  lines.push(
    `${q.range.label} (${q.range.timezone}), interval ${result.interval}, range_timezone ${result.rangeTimezone}`,
  );
  let grand = 0;
  for (const s of result.series) {
    const total = s.values.reduce((a, b) => a + b, 0);
    grand += total;
    lines.push("", `${labelText(s.label)}: total ${total.toLocaleString("en")}`);
    s.times.forEach((t, i) => {
      lines.push(
        `  ${DateTime.fromMillis(t, { zone: s.timezone }).toFormat("yyyy-MM-dd HH:mm ZZ")}  ${s.values[i]}`,
      );
    });
  }
  lines.push(
    "",
    `Total: ${grand.toLocaleString("en")}${result.truncated ? " (lower bound: the API cut some buckets at 1000 data points)" : ""}`,
  );
  lines.push(
    `Requests: ${result.cost.requests}, tokens: ${result.cost.tokens}, cached buckets: ${result.cost.cachedBuckets}`,
  );
  return lines.join("\n");
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["tz"], ["json"]);
  const words = args.positional.join(" ");
  if (words.trim() === "")
    throw new InputError('Missing query: for example  npx offer-digest query "last 7d interval=1d"');
  const config = loadConfig();
  const source = await openPlacewise(config.placewise);
  try {
    const defaultTimezone = source.defaultClubTimezone ?? config.schedule.defaultTimezone;
    const query = parseQuery(words, { now: Date.now(), defaultTimezone });
    const result = await source.client.query(query);
    console.log(args.flags.has("json") ? JSON.stringify(result, null, 2) : table(result));
    return 0;
  } finally {
    await source.close();
  }
}
