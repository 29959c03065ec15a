import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build.ts";
import { chartSeries } from "../../src/report/chart.ts";
import { at, constant, makePrevious, makeQuery, makeResult } from "./fixtures.ts";

const day = makeQuery({
  from: "2025-08-01T22:00:00Z",
  to: "2025-08-02T22:00:00Z",
  previousFrom: "2025-07-31T22:00:00Z",
  previousTo: "2025-08-01T22:00:00Z",
  filters: [{ field: "offer_type", values: ["birthday", "welcome"] }],
});

describe("chart input from a report", () => {
  it("draws one overall series with the previous day aligned under it", () => {
    const report = buildReport(
      makeResult(day, [{ values: constant(24, 2) }]),
      makePrevious(day, [{ values: constant(24, 1) }]),
      { now: at("2025-08-03T00:00:00Z"), dataLagMinutes: 15 },
    );
    const input = chartSeries(report);
    expect(input.title).toBe("Offer usages per hour, yesterday, Europe/Oslo");
    expect(input.subtitle).toBe("birthday or welcome offers");
    expect(input.timezone).toBe("Europe/Oslo");
    expect(input.interval).toBe("1h");
    expect(input.series).toHaveLength(1);
    expect(input.series[0]?.name).toBe("Offer usages");
    expect(input.series[0]?.times[0]).toBe(at("2025-08-01T22:00:00Z"));
    expect(input.series[0]?.values).toEqual(constant(24, 2));
    expect(input.previous?.times).toEqual(input.series[0]?.times);
    expect(input.previous?.values).toEqual(constant(24, 1));
    expect(input.incompleteFrom).toBeUndefined();
    // Plain data: survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(input))).toEqual(input);
  });

  it("stops the current line at now but keeps the previous day whole, marking the part filling in", () => {
    const report = buildReport(
      makeResult(day, [{ values: constant(11, 6) }]),
      makePrevious(day, [{ values: constant(24, 5) }]),
      { now: at("2025-08-02T08:30:00Z"), dataLagMinutes: 15 },
    );
    const input = chartSeries(report);
    expect(input.series[0]?.times).toHaveLength(11);
    expect(input.previous?.times).toHaveLength(24);
    expect(input.incompleteFrom).toBe(at("2025-08-02T08:00:00Z"));
  });

  it("draws the breakdown rows as separate series", () => {
    const q = { ...day, aggregateBy: "member_gender" as const };
    const report = buildReport(
      makeResult(q, [
        { label: { member_gender: "female" }, values: [3] },
        { label: { member_gender: "male" }, values: [1] },
      ]),
      null,
      { now: at("2025-08-03T00:00:00Z"), dataLagMinutes: 15 },
    );
    const input = chartSeries(report);
    expect(input.series.map((s) => s.name)).toEqual(["female", "male"]);
    expect(input.previous).toBeUndefined();
  });
});
