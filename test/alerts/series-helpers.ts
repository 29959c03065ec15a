/** Crafted hourly series for the alert tests: local wall-clock hours in a zone, DST-correct. */
import { DateTime } from "luxon";
import { backtest } from "../../src/alerts/backtest.ts";
import { parseRule } from "../../src/alerts/rules.ts";

export const TZ = "Europe/Oslo";

/** Hourly bucket starts from a local date for `hours` buckets (23 or 25 h days included). */
export function hourly(fromLocalDate: string, hours: number, tz = TZ): number[] {
  const start = DateTime.fromISO(fromLocalDate, { zone: tz }).toMillis();
  return Array.from({ length: hours }, (_, i) => start + i * 3_600_000);
}

/** Local "YYYY-MM-DD HH:mm" of an instant, for readable assertions. */
export function local(ms: number, tz = TZ): string {
  return DateTime.fromMillis(ms, { zone: tz }).toFormat("yyyy-MM-dd HH:mm");
}

/** Local times of the alerts a rule would send over the series. */
export function alertTimes(ruleText: string, times: number[], values: number[], tz = TZ): string[] {
  return backtest(parseRule(ruleText).rule, { times, values }, tz, 3_600_000).map((a) => local(a.at, tz));
}
