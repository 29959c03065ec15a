import { describe, expect, it } from "vitest";
import { mallSeries } from "../../../bench/mall-series.ts";
import { evaluateSeries } from "../../../src/alerts/evaluate.ts";
import { parseRule } from "../../../src/alerts/rules.ts";
import { TZ } from "../series-helpers.ts";

const anomaly = parseRule("anomaly per 1h").rule;
const WEEK = 7 * 24 * 3_600_000;

/** Buckets of week 5 whose true rate is 0 (closed) but whose expected value is not. */
function closedButExpected(perOpenHour: number, seed: number): number {
  const s = mallSeries({ seed, weeks: 5, perOpenHour, incidentsFromWeek: null });
  const evs = evaluateSeries(anomaly, s, TZ);
  const from = (s.times[0] as number) + 4 * WEEK;
  return evs.filter((e, i) => e.at >= from && s.rates?.[i] === 0 && e.expected !== 0).length;
}

describe("the pooled weekly expectation (src/alerts/detectors/pooled.ts)", () => {
  it("keeps closed hours (Sundays, nights, Saturday evenings) at exactly 0 expected, small offer or big", () => {
    // The weekday × hour fit alone would give a Saturday 19:00 the weekday evenings' shape.
    expect(closedButExpected(2, 4)).toBe(0);
    expect(closedButExpected(200, 4)).toBe(0);
  });
});
