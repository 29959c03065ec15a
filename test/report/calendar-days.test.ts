import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { calendarDays } from "../../src/report/when.ts";

/** The implementation calendarDays replaced: walks every local day of the range. */
function walkDays(fromMs: number, toMs: number, zone: string): number {
  let days = 0;
  let day = DateTime.fromMillis(fromMs, { zone }).startOf("day");
  while (day.toMillis() < toMs) {
    const next = day.plus({ days: 1 }).startOf("day");
    const start = Math.max(day.toMillis(), fromMs);
    const end = Math.min(next.toMillis(), toMs);
    if (end > start) days += (end - start) / (next.toMillis() - day.toMillis());
    day = next;
  }
  return days;
}

// Zones with DST changes at 02:00 (Oslo), at midnight (Santiago, Havana), half an hour (Lord Howe),
// a 23-hour day skipped entirely (Apia 2011-12-30) and none at all (UTC).
const ZONES = [
  "Europe/Oslo",
  "America/Santiago",
  "America/Havana",
  "Australia/Lord_Howe",
  "Pacific/Apia",
  "UTC",
];
const HOUR = 3_600_000;

describe("calendarDays", () => {
  it("equals the day-walking count on random ranges up to 60 days in zones with DST changes", () => {
    const start = Date.UTC(2010, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end }),
        fc.integer({ min: 0, max: 60 * 24 * HOUR }),
        fc.constantFrom(...ZONES),
        (fromMs, length, zone) => {
          expect(calendarDays(fromMs, fromMs + length, zone)).toBeCloseTo(
            walkDays(fromMs, fromMs + length, zone),
            9,
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it("equals it across the day changes themselves (ranges starting and ending on DST days)", () => {
    const edges = [
      ["Europe/Oslo", "2026-03-29T00:30:00Z"],
      ["Europe/Oslo", "2026-10-25T00:30:00Z"],
      ["America/Santiago", "2026-09-06T03:30:00Z"],
      ["Pacific/Apia", "2011-12-29T10:00:00Z"],
      // 00:00 twice: 2015-11-01 01:00 -04:00 becomes 00:00 -05:00.
      ["America/Havana", "2015-11-01T05:00:00Z"],
    ] as const;
    for (const [zone, iso] of edges) {
      const t = Date.parse(iso);
      for (const [a, b] of [
        [t - 30 * HOUR, t + 2 * HOUR],
        [t - 2 * HOUR, t + 50 * HOUR],
        [t, t + HOUR],
        [t - 3 * 24 * HOUR, t + 1],
      ] as const)
        expect(calendarDays(a, b, zone)).toBeCloseTo(walkDays(a, b, zone), 9);
    }
  });

  it("counts a range of four centuries by its dates (146 097 days in 400 years)", () => {
    const from = DateTime.fromISO("1620-01-01", { zone: "Europe/Oslo" }).toMillis();
    const to = DateTime.fromISO("2020-01-01", { zone: "Europe/Oslo" }).toMillis();
    expect(calendarDays(from, to, "Europe/Oslo")).toBe(146_097);
  });
});
