import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build.ts";
import { at, constant, makePrevious, makeQuery, makeResult } from "./fixtures.ts";

// Saturday 2025-08-02 in Oslo (UTC+2), compared with Friday.
const SATURDAY = makeQuery({
  from: "2025-08-01T22:00:00Z",
  to: "2025-08-02T22:00:00Z",
  previousFrom: "2025-07-31T22:00:00Z",
  previousTo: "2025-08-01T22:00:00Z",
});
const AFTER = { now: at("2025-08-03T06:00:00Z"), dataLagMinutes: 15 };

describe("a normal hourly day", () => {
  const values = constant(24, 10);
  values[14] = 100; // 14:00 local
  const report = buildReport(
    makeResult(SATURDAY, [{ values }]),
    makePrevious(SATURDAY, [{ values: constant(24, 11) }]),
    AFTER,
  );

  it("totals every bucket and compares with the previous day", () => {
    expect(report.total).toBe(23 * 10 + 100);
    expect(report.previous).toMatchObject({ total: 264, comparedTotal: 264, comparedBuckets: 24 });
    // (330 − 264) / 264 = 25 %
    expect(report.change).toEqual({ direction: "up", percent: 25 });
  });

  it("names the peak hour in local time", () => {
    expect(report.peak).toEqual({ start: at("2025-08-02T12:00:00Z"), value: 100, label: "Sat 14:00" });
  });

  it("averages per hour and per calendar day", () => {
    expect(report.average.perBucket).toBe(330 / 24);
    expect(report.average.perDay).toBe(330);
    expect(report.average.days).toBe(1);
  });

  it("has a title with interval, range and zone, and no notes for a finished day", () => {
    expect(report.title).toBe("Offer usages per hour, yesterday, Europe/Oslo");
    expect(report.notes).toEqual([]);
    expect(report.series.incompleteFrom).toBeNull();
    expect(report.series.previous).toEqual(constant(24, 11));
  });
});

describe("DST days in Europe/Oslo", () => {
  it("counts 25 hourly buckets on 2026-10-25 and labels the repeated 02:00 with its offset", () => {
    const day = makeQuery({
      from: "2026-10-24T22:00:00Z",
      to: "2026-10-25T23:00:00Z",
      previousFrom: "2026-10-23T22:00:00Z",
      previousTo: "2026-10-24T22:00:00Z",
    });
    const values = constant(25, 2);
    values[3] = 50; // the second 02:00, at +01:00 (01:00Z)
    const report = buildReport(
      makeResult(day, [{ values }]),
      makePrevious(day, [{ values: constant(24, 4) }]),
      {
        now: at("2026-10-27T00:00:00Z"),
        dataLagMinutes: 15,
      },
    );
    expect(report.series.times).toHaveLength(25);
    expect(report.total).toBe(98);
    expect(report.peak).toEqual({
      start: at("2026-10-25T01:00:00Z"),
      value: 50,
      label: "2026-10-25 02:00 (+01:00)",
    });
    // (98 − 96) / 96
    expect(report.change?.direction).toBe("up");
    expect(report.change?.percent).toBeCloseTo(2.0833, 3);
    // A 25 h day is still one day.
    expect(report.average.perDay).toBe(98);
    expect(report.average.perBucket).toBeCloseTo(98 / 25, 10);
    // The 24 h day before has no 25th hour to compare with.
    expect(report.series.previous).toHaveLength(25);
    expect(report.series.previous?.[24]).toBeNull();
    expect(report.series.previous?.[23]).toBe(4);
  });

  it("tells the first 02:00 from the second", () => {
    const day = makeQuery({
      from: "2026-10-24T22:00:00Z",
      to: "2026-10-25T23:00:00Z",
      previousFrom: "2026-10-23T22:00:00Z",
      previousTo: "2026-10-24T22:00:00Z",
    });
    const values = constant(25, 0);
    values[2] = 7; // the first 02:00, at +02:00
    const report = buildReport(makeResult(day, [{ values }]), null, {
      now: at("2026-10-27T00:00:00Z"),
      dataLagMinutes: 0,
    });
    expect(report.peak?.label).toBe("2026-10-25 02:00 (+02:00)");
  });

  it("counts 23 hourly buckets on 2026-03-29 and compares with the whole 24 h day before", () => {
    const day = makeQuery({
      from: "2026-03-28T23:00:00Z",
      to: "2026-03-29T22:00:00Z",
      previousFrom: "2026-03-27T23:00:00Z",
      previousTo: "2026-03-28T23:00:00Z",
    });
    const report = buildReport(
      makeResult(day, [{ values: constant(23, 3) }]),
      makePrevious(day, [{ values: constant(24, 3) }]),
      { now: at("2026-03-30T12:00:00Z"), dataLagMinutes: 15 },
    );
    expect(report.series.times).toHaveLength(23);
    expect(report.total).toBe(69);
    expect(report.previous?.comparedTotal).toBe(72);
    // (69 − 72) / 72 = −4.17 %
    expect(report.change?.direction).toBe("down");
    expect(report.change?.percent).toBeCloseTo(-4.1667, 3);
    expect(report.average.perDay).toBe(69);
    expect(report.series.previous).toEqual(constant(23, 3));
  });
});

describe("empty and missing data", () => {
  it("says there is no data and divides nothing by zero", () => {
    const report = buildReport(makeResult(SATURDAY, []), makePrevious(SATURDAY, []), AFTER);
    expect(report.total).toBe(0);
    expect(report.peak).toBeNull();
    expect(report.change).toEqual({ direction: "flat", percent: 0 });
    expect(report.average).toEqual({ perBucket: 0, perDay: 0, buckets: 24, days: 1 });
    expect(report.series.times).toHaveLength(24);
    expect(report.series.values).toEqual(constant(24, 0));
    expect(report.notes.map((n) => n.code)).toEqual(["no_data"]);
    expect(report.notes[0]?.text).toBe("No offer usages in this range.");
  });

  it("has no averages before the range has started", () => {
    const report = buildReport(makeResult(SATURDAY, []), null, {
      now: at("2025-08-01T00:00:00Z"),
      dataLagMinutes: 15,
    });
    expect(report.average).toEqual({ perBucket: null, perDay: null, buckets: 0, days: 0 });
  });

  it("shows no change and says so when the previous period could not be fetched", () => {
    const report = buildReport(makeResult(SATURDAY, [{ values: constant(24, 1) }]), null, AFTER);
    expect(report.change).toBeNull();
    expect(report.previous).toBeNull();
    expect(report.series.previous).toBeNull();
    expect(report.notes).toEqual([
      { code: "no_previous", text: "No data for the previous period (2025-08-01) to compare with." },
    ]);
  });

  it("calls usages after an empty previous period new", () => {
    const report = buildReport(makeResult(SATURDAY, [{ values: [5] }]), makePrevious(SATURDAY, []), AFTER);
    expect(report.change).toEqual({ direction: "new", percent: null });
  });

  it("calls a change under 0.05 % flat", () => {
    const report = buildReport(
      makeResult(SATURDAY, [{ values: [10_001] }]),
      makePrevious(SATURDAY, [{ values: [10_000] }]),
      AFTER,
    );
    expect(report.change?.direction).toBe("flat");
  });
});

describe("truncated results", () => {
  it("marks totals as lower bounds and names the first cut bucket", () => {
    const result = makeResult(SATURDAY, [{ values: constant(24, 40) }], {
      truncatedBuckets: [at("2025-08-02T12:00:00Z"), at("2025-08-02T13:00:00Z")],
    });
    const report = buildReport(result, makePrevious(SATURDAY, [{ values: constant(24, 40) }]), AFTER);
    expect(report.truncated).toBe(true);
    expect(report.notes).toEqual([
      {
        code: "truncated",
        text: "Totals are lower bounds: the API cut its answer at 1000 data points in 2 buckets (first: Sat 14:00).",
      },
    ]);
  });
});

describe("running ranges", () => {
  // "last 24 h" at 10:05 Oslo ends at 10:00, the start of the bucket in progress.
  const last24 = makeQuery({
    from: "2025-08-01T08:00:00Z",
    to: "2025-08-02T08:00:00Z",
    previousFrom: "2025-07-31T08:00:00Z",
    previousTo: "2025-08-01T08:00:00Z",
    label: "last 24 h",
  });

  it("says the last hour is still filling in while the data lag has not passed", () => {
    const report = buildReport(makeResult(last24, [{ values: constant(24, 1) }]), makePrevious(last24, []), {
      now: at("2025-08-02T08:05:00Z"),
      dataLagMinutes: 15,
    });
    expect(report.series.incompleteFrom).toBe(at("2025-08-02T07:00:00Z"));
    expect(report.notes.map((n) => n.text)).toContain("Last hour still filling in (data lags ~15 min).");
  });

  it("counts every bucket the lag still covers", () => {
    const report = buildReport(makeResult(last24, [{ values: constant(24, 1) }]), makePrevious(last24, []), {
      now: at("2025-08-02T08:05:00Z"),
      dataLagMinutes: 90,
    });
    expect(report.notes.map((n) => n.text)).toContain("Last 2 hours still filling in (data lags ~90 min).");
  });

  it("compares a day in progress with the same hours of the day before", () => {
    const now = at("2025-08-02T08:30:00Z"); // 10:30 in Oslo: 00:00..10:00 have started, 11 buckets
    const report = buildReport(
      makeResult(SATURDAY, [{ values: constant(11, 6) }]),
      makePrevious(SATURDAY, [{ values: constant(24, 5) }]),
      { now, dataLagMinutes: 15 },
    );
    expect(report.series.elapsed).toBe(11);
    expect(report.previous).toMatchObject({ total: 120, comparedTotal: 55, comparedBuckets: 11 });
    // 66 against 55: +20 %
    expect(report.change?.percent).toBeCloseTo(20, 10);
    expect(report.average.perBucket).toBe(6);
    // 10.5 h of a 24 h day
    expect(report.average.days).toBeCloseTo(10.5 / 24, 10);
    expect(report.notes.map((n) => n.code)).toEqual(["incomplete", "partial_comparison"]);
  });
});

describe("clubs in several time zones", () => {
  it("sums each local hour across clubs and says so", () => {
    const result = makeResult(
      SATURDAY,
      [
        { label: { loyalty_club_id: 1 }, zone: "Europe/Oslo", values: constant(24, 1) },
        { label: { loyalty_club_id: 2 }, zone: "Europe/London", values: constant(24, 2) },
      ],
      { rangeTimezone: "local" },
    );
    const report = buildReport(result, null, AFTER);
    expect(report.localTime).toBe(true);
    expect(report.series.values).toEqual(constant(24, 3));
    expect(report.total).toBe(72);
    expect(report.title).toBe("Offer usages per hour, yesterday, local time");
    expect(report.notes.find((n) => n.code === "local_time")?.text).toBe(
      "Clubs in 2 time zones (Europe/Oslo, Europe/London): each hour sums the same local hour in every club's zone.",
    );
  });
});
