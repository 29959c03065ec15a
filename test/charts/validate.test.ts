import { describe, expect, it } from "vitest";
import { ChartError } from "../../src/charts/errors.ts";
import { renderAlertChart, renderTimeSeries } from "../../src/charts/render.ts";
import type { TimeSeriesChartInput } from "../../src/charts/types.ts";

const times = [Date.UTC(2026, 9, 20, 0), Date.UTC(2026, 9, 20, 1), Date.UTC(2026, 9, 20, 2)];
const base: TimeSeriesChartInput = {
  title: "Offer usages per hour",
  timezone: "Europe/Oslo",
  interval: "1h",
  series: [{ name: "total", times, values: [1, 2, 3] }],
};

async function rejection(p: Promise<unknown>): Promise<ChartError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ChartError);
  expect((e as ChartError).code).toBe("invalid_input");
  return e as ChartError;
}

describe("chart input that cannot be drawn is refused with the reason", () => {
  it("names a series whose values do not match its buckets", async () => {
    const e = await rejection(
      renderTimeSeries({ ...base, series: [{ name: "total", times, values: [1, 2] }] }),
    );
    expect(e.message).toBe('Series "total" has 2 values for 3 buckets: they must match one to one.');
  });

  it("names a breakdown series on another grid", async () => {
    const e = await rejection(
      renderTimeSeries({
        ...base,
        series: [
          { name: "female", times, values: [1, 2, 3] },
          { name: "male", times: times.slice(1), values: [1, 2] },
        ],
      }),
    );
    expect(e.message).toMatch(/Series "male" has other bucket starts than "female"/);
  });

  it("refuses bucket starts out of order, empty series and NaN counts", async () => {
    await rejection(
      renderTimeSeries({ ...base, series: [{ name: "t", times: [2, 1, 3], values: [1, 2, 3] }] }),
    );
    await rejection(renderTimeSeries({ ...base, series: [] }));
    await rejection(
      renderTimeSeries({ ...base, series: [{ name: "t", times, values: [1, Number.NaN, 3] }] }),
    );
    await rejection(renderTimeSeries({ ...base, previous: { times, values: [1] } }));
  });

  it("refuses an unknown time zone", async () => {
    const e = await rejection(renderTimeSeries({ ...base, timezone: "Oslo" }));
    expect(e.message).toMatch(/Unknown time zone "Oslo"/);
  });

  it("refuses an anomaly that is not one of the alert chart's buckets, and a band with one edge", async () => {
    const alert = { title: "Alert", timezone: "UTC", interval: "1h" as const, times, values: [1, 2, 3] };
    const e = await rejection(renderAlertChart({ ...alert, anomalies: [times[0] as number, 5] }));
    expect(e.message).toMatch(/^Anomaly at 1970-01-01T00:00:00.005Z is not one of the chart's bucket starts/);
    await rejection(renderAlertChart({ ...alert, low: [0, 1, 2] }));
  });
});
