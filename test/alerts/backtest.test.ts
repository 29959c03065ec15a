import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mallSeries } from "../../bench/mall-series.ts";
import { backtest } from "../../src/alerts/backtest.ts";
import { evaluateBucket, evaluateSeries } from "../../src/alerts/evaluate.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { TZ } from "./series-helpers.ts";

const HOUR = 3_600_000;

describe("backtest causality", () => {
  // Five weeks reach the weekly baseline (from week 3), so every detector path is exercised.
  const base = mallSeries({ seed: 3, weeks: 5, incidentsFromWeek: 2 });

  it.each([
    "anomaly",
    "anomaly sensitivity=high",
    "below 5 hours=10:00-21:00",
    "drop 40% vs last week for 2",
  ])("alerts up to any time t are the same when the rows after t are removed (%s)", (text) => {
    const rule = parseRule(text).rule;
    fc.assert(
      fc.property(
        fc.integer({ min: 24, max: base.times.length - 1 }),
        fc.array(fc.record({ at: fc.nat(base.times.length - 1), factor: fc.constantFrom(0, 0.5, 3) }), {
          maxLength: 6,
        }),
        (cut, edits) => {
          const values = [...base.values];
          for (const e of edits) values[e.at] = Math.round((values[e.at] as number) * e.factor);
          const full = backtest(rule, { times: base.times, values }, TZ, HOUR);
          const t = base.times[cut] as number;
          const head = backtest(
            rule,
            { times: base.times.slice(0, cut + 1), values: values.slice(0, cut + 1) },
            TZ,
            HOUR,
          );
          expect(head).toEqual(full.filter((a) => a.at <= t));
        },
      ),
      { numRuns: 12 },
    );
  });

  it("evaluateBucket on a history equals the evaluation in a full pass", () => {
    const rule = parseRule("anomaly").rule;
    const all = evaluateSeries(rule, base, TZ, 0, HOUR);
    for (const i of [30, 24 * 8 + 5, 24 * 22 + 13, base.times.length - 1]) {
      expect(evaluateBucket(rule, base, i, TZ, HOUR)).toEqual(all[i]);
    }
  });
});
