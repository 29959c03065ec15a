import fc from "fast-check";
import { IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { ChartError } from "../../src/charts/errors.ts";
import { zoneOffsets } from "../../src/charts/wall-clock.ts";

const ZONES = [
  "Europe/Oslo",
  "Europe/Helsinki",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Tehran",
];

describe("local wall clock of bucket starts", () => {
  it("matches the zone database bucket by bucket, across DST changes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.constantFrom(300_000, 3_600_000, 86_400_000),
        fc.integer({ min: 1, max: 2000 }),
        (zone, start, step, n) => {
          const times = Array.from({ length: n }, (_, i) => start + i * step);
          const iana = IANAZone.create(zone);
          expect(zoneOffsets(times, zone)).toEqual(times.map((t) => iana.offset(t) * 60_000));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses an unknown zone with a message naming it", () => {
    expect(() => zoneOffsets([0], "Europe/Atlantis")).toThrowError(/Unknown time zone "Europe\/Atlantis"/);
    try {
      zoneOffsets([0], "Mars/Olympus");
    } catch (e) {
      expect(e).toBeInstanceOf(ChartError);
      expect((e as ChartError).code).toBe("invalid_input");
    }
  });
});
