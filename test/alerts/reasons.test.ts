/**
 * An alert's sentence must agree with its numbers: "X is below the expected A–B" only when X is
 * below A. The low test combines two buckets, so the second may sit inside its own band; the
 * sentence then speaks of both buckets. Checked on every alert of two months of a real NAB series.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { backtestRun } from "../../src/alerts/backtest.ts";
import { parseSeriesCsv } from "../../src/alerts/csv.ts";
import { parseRule } from "../../src/alerts/rules.ts";

const csv = readFileSync(resolve(import.meta.dirname, "../fixtures/nab/nyc_taxi-head.csv"), "utf8");

describe("anomaly alert sentences", () => {
  it("never claim a value is outside a band it is inside", () => {
    const run = backtestRun(parseRule("anomaly").rule, parseSeriesCsv(csv), "UTC");
    expect(run.alerts.length).toBeGreaterThanOrEqual(2);
    let twoBucket = 0;
    for (const a of run.alerts) {
      const claim = /^(\d+) is (below|above) the expected/.exec(a.reason);
      if (claim?.[2] === "below") expect(a.value, a.reason).toBeLessThan(a.low as number);
      if (claim?.[2] === "above") expect(a.value, a.reason).toBeGreaterThan(a.high as number);
      if (a.reason.startsWith("the last 2 buckets")) twoBucket++;
    }
    expect(twoBucket).toBeGreaterThan(0);
  });
});
