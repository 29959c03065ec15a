/**
 * `npx offer-digest backtest --csv FILE --rule "anomaly" [--tz ZONE] [--json]`: replays a rule over a
 * `timestamp,value` CSV as if live and prints the alerts it would have sent (firing notifications
 * and reminders; see src/alerts/backtest.ts). `--json` prints exactly one JSON array on stdout.
 */
import { DateTime } from "luxon";
import { backtestRun } from "../alerts/backtest.ts";
import { type CsvSeries, readSeriesCsvFile } from "../alerts/csv.ts";
import { describeRule } from "../alerts/describe.ts";
import { round1 } from "../alerts/evaluation.ts";
import type { AlertRule } from "../alerts/rule.ts";
import { parseRule } from "../alerts/rules.ts";
import { nominalMs } from "../placewise/grid.ts";
import { InputError } from "../util/errors.ts";
import { parseArgs, required } from "./args.ts";

/** `per I` is optional here; when given it must match the CSV's bucket size. */
function checkInterval(rule: AlertRule, stepMs: number): void {
  if (rule.interval === null) return;
  const want = nominalMs(rule.interval);
  if (want !== stepMs) {
    throw new InputError(
      `The rule says "per ${rule.interval}" but the CSV has a row every ${stepMs / 60_000} minutes: leave "per ..." out (it is inferred) or use a CSV with ${rule.interval} rows.`,
    );
  }
}

function iso(ms: number, tz: string): string {
  return (
    DateTime.fromMillis(ms, { zone: tz }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString()
  );
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ["csv", "rule", "tz"], ["json"]);
  const file = required(args, "csv", "bench/data/nab/nyc_taxi.csv");
  const ruleText = (args.flags.get("rule") as string | undefined) ?? "anomaly";
  const tz = (args.flags.get("tz") as string | undefined) ?? "UTC";
  const { rule, rest } = parseRule(ruleText);
  if (rest.length > 0) {
    throw new InputError(
      `"${rest[0]}" is not part of an alert rule here; a backtest reads only the rule's own words.`,
    );
  }
  let series: CsvSeries;
  try {
    // Streamed, with a row cap (MAX_CSV_ROWS): a 100 MB file is refused, not held in memory.
    series = await readSeriesCsvFile(file, { tz, source: file });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`Cannot read --csv ${file}: ${(e as Error).message}`);
  }
  checkInterval(rule, series.stepMs);
  const result = backtestRun(rule, series, tz, series.stepMs);
  if (args.flags.has("json")) {
    const out = result.alerts.map((a) => ({
      at: iso(a.at, tz),
      value: a.value,
      expected: round1(a.expected),
      low: round1(a.low),
      high: round1(a.high),
    }));
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const days = ((series.times.at(-1) as number) - (series.times[0] as number)) / 86_400_000;
  console.log(
    `Rule: ${describeRule(rule)} (bucket ${series.stepMs / 60_000} min, ${series.times.length} rows, ${tz})`,
  );
  for (const a of result.alerts) {
    const band = `${round1(a.low) ?? "-"}..${round1(a.high) ?? "-"}`;
    const label = a.kind === "firing" ? "FIRING " : "REMIND ";
    console.log(
      `${iso(a.at, tz)}  ${label} value ${a.value}  expected ${round1(a.expected) ?? "-"}  band ${band}  ${a.reason}`,
    );
  }
  const perWeek = days > 0 ? (result.alerts.length / days) * 7 : 0;
  console.log(
    `${result.alerts.length} alerts (${result.resolved.length} resolved) over ${days.toFixed(1)} days: ${perWeek.toFixed(2)} per week.`,
  );
  return 0;
}
