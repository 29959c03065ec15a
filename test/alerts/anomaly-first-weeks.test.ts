import { describe, expect, it } from "vitest";
import { rng } from "../../bench/mall-series.ts";
import { backtest } from "../../src/alerts/backtest.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { TZ } from "./series-helpers.ts";

const HOUR = 3_600_000;
const rule = parseRule("anomaly per 1h").rule;

/**
 * Two weeks of an around-the-clock series (100 an hour on a daily wave, Poisson-like noise) with
 * the midnight hour of day 3 at 4× its rate (a burst in the learning week), and the same hour of day
 * `spikeDay` at `factor` × its rate: judged by the daily model, from the last 7 days.
 */
function bursty(spikeDay: number, factor: number) {
  const rand = rng(5);
  const start = Date.UTC(2026, 7, 3);
  const times = Array.from({ length: 14 * 24 }, (_, i) => start + i * HOUR);
  const rate = (i: number) => 100 * (1 + 0.5 * Math.sin((2 * Math.PI * (i % 24)) / 24));
  const values = times.map((_, i) => {
    const g = Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
    return Math.max(0, Math.round(rate(i) + Math.sqrt(rate(i)) * g));
  });
  const burst = 2 * 24;
  values[burst] = Math.round(rate(burst) * 4);
  const spike = spikeDay * 24;
  values[spike] = Math.round(rate(spike) * factor);
  return { series: { times, values }, spikeAt: times[spike] as number };
}

describe("anomaly detector in its first weeks (the daily model)", () => {
  it("is not blinded by one burst of the week before: twice the week's highest is news", () => {
    // The week's highest at midnight is the burst, the ceiling; its range once also widened the
    // spread (φ ≈ 2: the day's φ was the prior of its first bucket, window-spread.ts), so 8× the
    // rate scored far below the threshold (seasonal.ts).
    const { series, spikeAt } = bursty(9, 8);
    const alerts = backtest(rule, series, TZ).map((a) => a.at);
    expect(alerts).toContain(spikeAt);
  });

  it("takes a value within the week's range as not news", () => {
    const { series } = bursty(9, 3.5);
    expect(backtest(rule, series, TZ)).toEqual([]);
  });
});
