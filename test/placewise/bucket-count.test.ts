import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTERVALS } from "../../src/placewise/fields.ts";
import { bucketCount, bucketGrid } from "../../src/placewise/grid.ts";

const ZONES = [
  "Europe/Oslo",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Apia",
  "UTC",
];
const HOUR = 3_600_000;
// Longest range per interval that keeps the grid small enough to build in a property run.
const SPAN: Record<(typeof INTERVALS)[number], number> = {
  "5m": 3 * 24 * HOUR,
  "1h": 30 * 24 * HOUR,
  "1d": 400 * 24 * HOUR,
  "1w": 3 * 365 * 24 * HOUR,
  "1mo": 20 * 365 * 24 * HOUR,
};

describe("bucketCount", () => {
  it("equals the length of the bucket grid for every interval, in zones with DST and odd offsets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2009, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom(...INTERVALS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(...ZONES),
        (fromMs, interval, share, zone) => {
          const toMs = fromMs + Math.floor(share * SPAN[interval]);
          expect(bucketCount(fromMs, toMs, interval, zone)).toBe(
            bucketGrid(fromMs, toMs, interval, zone).length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("counts the day Apia skipped as no bucket", () => {
    const from = Date.parse("2011-12-28T12:00:00Z");
    const to = Date.parse("2012-01-02T12:00:00Z");
    expect(bucketCount(from, to, "1d", "Pacific/Apia")).toBe(
      bucketGrid(from, to, "1d", "Pacific/Apia").length,
    );
  });
});
