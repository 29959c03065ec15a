import { afterAll, describe, expect, it } from "vitest";
import { openRenderPool, type RenderPool } from "../../src/charts/pool.ts";
import { chartDrawer } from "../../src/charts/renderer.ts";
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
  let drawn = 0;
  const counted: RenderPool = {
    ...pool,
    renderTimeSeries: (input, size) => {
      drawn++;
      return pool.renderTimeSeries(input, size);
    },
  };
  const drawer = chartDrawer(counted);
  afterAll(() => pool.close());

  it("draws a chart asked for 30 times at once only once, on the pool, and every caller gets it", async () => {
    drawn = 0;
    const charts = await Promise.all(
      Array.from({ length: 30 }, () => drawer.drawTimeSeries(chart([3, 1, 4, 1, 5]))),
    );
    expect(new Set(charts).size).toBe(1);
    expect(drawn).toBe(1);
    expect(charts[0]?.png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("draws different charts each, and the same chart again once the first drawing is over", async () => {
    const [a, b] = await Promise.all([
      drawer.drawTimeSeries(chart([1, 2, 3])),
      drawer.drawTimeSeries(chart([1, 2, 4])),
    ]);
    expect(a).not.toBe(b);
    expect(a?.png.equals(b?.png as Buffer)).toBe(false);
    const again = await drawer.drawTimeSeries(chart([1, 2, 3]));
    expect(again).not.toBe(a);
    expect(again.png.equals(a?.png as Buffer)).toBe(true);
  });

  it("shares a drawing only within one drawer", async () => {
    drawn = 0;
    const other = chartDrawer(counted);
    const [a, b] = await Promise.all([
      drawer.drawTimeSeries(chart([2, 7, 1])),
      other.drawTimeSeries(chart([2, 7, 1])),
    ]);
    expect(a).not.toBe(b);
    expect(drawn).toBe(2);
  });
});
