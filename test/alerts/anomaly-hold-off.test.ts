import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { alertsWith } from "../../bench/anomaly-run.ts";
import { mallSeries, rng } from "../../bench/mall-series.ts";
import { backtest } from "../../src/alerts/backtest.ts";
import { SCAN_DEFAULTS } from "../../src/alerts/detectors/anomaly-memo.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { local, TZ } from "./series-helpers.ts";

const HOUR = 3_600_000;
const rule = parseRule("anomaly per 1h").rule;

/**
 * Six weeks of an around-the-clock series (100 an hour on a daily wave, Poisson-like noise), with
 * the bucket h hours after midnight of a Wednesday in week 6 set to its rate times the factor, for
 * each [h, factor].
 */
function flaring(flares: [number, number][]) {
  const rand = rng(3);
  const start = Date.UTC(2026, 7, 3);
  const times = Array.from({ length: 6 * 7 * 24 }, (_, i) => start + i * HOUR);
  const rate = (i: number) => 100 * (1 + 0.5 * Math.sin((2 * Math.PI * (i % 24)) / 24));
  const values = times.map((_, i) => {
    const g = Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(rate(i) + Math.sqrt(rate(i)) * g));
  });
  const day = (5 * 7 + 2) * 24;
  for (const [h, factor] of flares) values[day + h] = Math.round(rate(day + h) * factor);
  // Hours after that midnight of each alert, from the day before on.
  const hours = (alerts: number[]) => alerts.map((t) => (t - start) / HOUR - day).filter((h) => h >= -24);
  return { series: { times, values }, hours };
}

/** Eight clean weeks of a mall (open 10-21, closed Sunday), hourly, from Monday 2026-08-03. */
function mallWith(changes: Record<string, number>) {
  const s = mallSeries({ seed: 7, weeks: 8, incidentsFromWeek: null, perOpenHour: 30 });
  const values = [...s.values];
  // The bucket at each local time set to its usual rate times the factor.
  for (const [at, factor] of Object.entries(changes)) {
    const t = DateTime.fromFormat(at, "yyyy-MM-dd HH:mm", { zone: TZ }).toMillis();
    const i = s.times.indexOf(t);
    if (i === -1) throw new Error(`no bucket at ${at}`);
    values[i] = Math.round((s.rates?.[i] as number) * factor);
  }
  return { times: s.times, values };
}

const onDay = (alerts: { at: number }[], date: string) =>
  alerts.map((a) => local(a.at)).filter((t) => t.startsWith(date));

describe("anomaly hold-off after an alarm", () => {
  it("tells the channel once about a series that keeps flaring up, not at every flare", () => {
    // A burst at midnight, then every 5 h a weaker one, calm again in between: 2× and 1.7×, above
    // the smallest rise the rule tells, 1/0.7 = 1.43× (SCAN_DEFAULTS.effectRatio).
    const { series, hours } = flaring([
      [0, 2],
      [5, 1.7],
      [10, 1.7],
      [15, 1.7],
      [20, 1.7],
    ]);
    const without = alertsWith(rule, series, "UTC", HOUR, { ...SCAN_DEFAULTS, holdOffMs: 0 });
    // Without the hold-off the flares are four alerts or more (the 4 h cooldown holds none back).
    expect(hours(without).length).toBeGreaterThanOrEqual(4);
    expect(hours(backtest(rule, series, "UTC", HOUR).map((a) => a.at))).toEqual([0]);
  });

  it("is over 24 h after the series calmed down", () => {
    const { series, hours } = flaring([
      [0, 2],
      [28, 1.7],
    ]);
    expect(hours(backtest(rule, series, "UTC", HOUR).map((a) => a.at))).toEqual([0, 28]);
  });

  it("does not hide a second, stronger incident on the same side", () => {
    const { series, hours } = flaring([
      [0, 1.4],
      [5, 1.8],
    ]);
    expect(hours(backtest(rule, series, "UTC", HOUR).map((a) => a.at))).toEqual([0, 5]);
  });

  it("does not hide an outage after a small dip the same day", () => {
    const { series, hours } = flaring([
      [0, 0.6],
      [6, 0],
      [7, 0],
      [8, 0],
    ]);
    const alerts = backtest(rule, series, "UTC", HOUR);
    expect(hours(alerts.map((a) => a.at))).toEqual([0, 6]);
    expect(alerts.at(-1)?.value).toBe(0);
  });

  it("tells a shop's next morning again after an evening alarm: a closed night ends the hold-off", () => {
    // The morning's burst is weaker than the evening's: within 24 h it would be held back.
    const s = mallWith({ "2026-09-23 18:00": 3, "2026-09-24 10:00": 2.2 });
    const alerts = backtest(rule, s, TZ);
    expect([...onDay(alerts, "2026-09-23"), ...onDay(alerts, "2026-09-24")]).toEqual([
      "2026-09-23 18:00",
      "2026-09-24 10:00",
    ]);
  });
});
