import { afterAll, describe, expect, it } from "vitest";
import { openRenderPool } from "../../src/charts/pool.ts";
import { drawTimeSeries, leaveRenderPool, useRenderPool } from "../../src/charts/renderer.ts";
import type { TimeSeriesChartInput } from "../../src/charts/types.ts";

const HOUR = 3_600_000;
const chart = (values: number[]): TimeSeriesChartInput => ({
  title: "Offer usages per hour",
  timezone: "Europe/Oslo",
  interval: "1h",
  series: [{ name: "total", times: values.map((_, i) => i * HOUR), values }],
});

describe("drawing the pipeline's charts", () => {
  const pool = openRenderPool({ threads: 1 });
  useRenderPool(pool);
  afterAll(async () => {
    leaveRenderPool(pool);
    await pool.close();
  });

  it("draws a chart asked for 30 times at once only once, and every caller gets it", async () => {
    const drawn = await Promise.all(Array.from({ length: 30 }, () => drawTimeSeries(chart([3, 1, 4, 1, 5]))));
    expect(new Set(drawn).size).toBe(1);
    expect(drawn[0]?.png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("draws different charts each, and the same chart again once the first drawing is over", async () => {
    const [a, b] = await Promise.all([drawTimeSeries(chart([1, 2, 3])), drawTimeSeries(chart([1, 2, 4]))]);
    expect(a).not.toBe(b);
    expect(a?.png.equals(b?.png as Buffer)).toBe(false);
    const again = await drawTimeSeries(chart([1, 2, 3]));
    expect(again).not.toBe(a);
    expect(again.png.equals(a?.png as Buffer)).toBe(true);
  });
});
