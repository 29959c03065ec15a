import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeTicks } from "../../src/charts/time-axis.ts";
import type { Interval } from "../../src/placewise/fields.ts";
import { bucketStart, nextBucket } from "../../src/placewise/grid.ts";
import { grid } from "./fixtures.ts";

const texts = (t: ReturnType<typeof timeTicks>) =>
  t.values.map((i) => {
    const l = t.labels[i];
    return typeof l === "string" ? l : (l?.[1] ?? "");
  });

describe("x axis labels in the chart's time zone", () => {
  it("labels 02:00 twice on the day Oslo's clocks go back (2026-10-25)", () => {
    const times = grid("2026-10-25", "2026-10-26", "1h");
    expect(times).toHaveLength(25);
    const ticks = timeTicks(times, "1h", "Europe/Oslo", 730);
    expect(texts(ticks).filter((t) => t === "02:00")).toHaveLength(2);
    // The twin steps down to a second line instead of overprinting the first one 30 px away.
    const twins = ticks.values.filter((i) => texts({ ...ticks, values: [i] })[0] === "02:00");
    expect(ticks.labels[twins[1] as number]).toEqual(["", "02:00"]);
  });

  it("has no 02:00 on the day Oslo's clocks go forward (2026-03-29)", () => {
    const times = grid("2026-03-29", "2026-03-30", "1h");
    expect(times).toHaveLength(23);
    const labels = texts(timeTicks(times, "1h", "Europe/Oslo", 730));
    expect(labels).not.toContain("02:00");
    expect(labels).toContain("04:00");
  });

  it("labels the same instants one hour later in Helsinki than in Oslo", () => {
    const times = grid("2026-10-20", "2026-10-21", "1h");
    // Wide enough for a label on every bucket, so the two zones label the same buckets.
    const oslo = timeTicks(times, "1h", "Europe/Oslo", 2000);
    const helsinki = timeTicks(times, "1h", "Europe/Helsinki", 2000);
    expect(oslo.values).toEqual(helsinki.values);
    for (const i of oslo.values) {
      // Midnight on a chart spanning two dates is labelled with the day ("Wed 21").
      const hour = (s: unknown) => (/^\d\d:/.test(String(s)) ? Number(String(s).slice(0, 2)) : 0);
      expect(hour(helsinki.labels[i])).toBe((hour(oslo.labels[i]) + 1) % 24);
    }
  });

  it("names the day at midnight on an hourly chart that spans two dates", () => {
    const labels = texts(
      timeTicks(grid("2026-10-24T09:00", "2026-10-25T09:00", "1h"), "1h", "Europe/Oslo", 730),
    );
    expect(labels).toContain("Sun 25");
    expect(labels).toContain("12:00");
  });

  it("labels every other hour for a day, days for a week, Mondays for a month, fortnights for half a year", () => {
    const zone = "Europe/Oslo";
    expect(timeTicks(grid("2026-10-20", "2026-10-21", "1h"), "1h", zone, 730).step).toBe("2h");
    expect(texts(timeTicks(grid("2026-10-19", "2026-10-26", "1d"), "1d", zone, 730))).toEqual([
      "Mon 19",
      "Tue 20",
      "Wed 21",
      "Thu 22",
      "Fri 23",
      "Sat 24",
      "Sun 25",
    ]);
    expect(texts(timeTicks(grid("2026-10-01", "2026-10-31", "1h"), "1h", zone, 730))).toEqual([
      "5 Oct",
      "12 Oct",
      "19 Oct",
      "26 Oct",
    ]);
    const half = timeTicks(grid("2026-04-01", "2026-10-01", "1d"), "1d", zone, 730);
    expect(half.step).toBe("2w");
    expect(texts(half).slice(0, 3)).toEqual(["13 Apr", "27 Apr", "11 May"]);
    // Narrower: months instead.
    expect(texts(timeTicks(grid("2026-04-01", "2026-10-01", "1d"), "1d", zone, 500))).toEqual([
      "Apr 2026",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
    ]);
    expect(timeTicks(grid("2026-04-06", "2026-10-05", "1w"), "1w", zone, 730).step).toBe("2w");
  });

  it("never crowds the axis and always labels something, from 1 bucket to half a year of hours", () => {
    const intervals: Interval[] = ["5m", "1h", "1d", "1w", "1mo"];
    fc.assert(
      fc.property(
        fc.constantFrom(...intervals),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 300, max: 1600 }),
        fc.constantFrom("Europe/Oslo", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }),
        (interval, n, width, zone, from) => {
          const times = [bucketStart(from, interval, zone)];
          const count = Math.min(n, interval === "1mo" ? 300 : n);
          while (times.length < count)
            times.push(nextBucket(times[times.length - 1] as number, interval, zone));
          const ticks = timeTicks(times, interval, zone, width);
          expect(ticks.values.length).toBeGreaterThanOrEqual(1);
          // Labels are at least ~35 px apart (3 characters + air), so never more than width / 35 + 1.
          expect(ticks.values.length).toBeLessThanOrEqual(Math.floor(width / 35) + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("labels the first bucket when no bucket starts on the clock", () => {
    // Hourly buckets on UTC hours seen from India (UTC+05:30): none starts on a full local hour.
    const times = [Date.UTC(2026, 0, 1, 0), Date.UTC(2026, 0, 1, 1)];
    const ticks = timeTicks(times, "1h", "Asia/Kolkata", 730);
    expect(ticks.values).toEqual([0]);
    expect(ticks.labels[0]).toBe("05:30");
  });
});
