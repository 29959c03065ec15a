import { describe, expect, it } from "vitest";
import { bucketGrid, bucketStart, toApiTime } from "../../src/placewise/grid.ts";

const OSLO = "Europe/Oslo";
const day = (iso: string) => Date.parse(iso);
const iso = (ms: number[], zone = OSLO) => ms.map((m) => toApiTime(m, zone));

describe("bucket grid", () => {
  it("has 23 hourly buckets on the spring DST day in Oslo, with no 02:00", () => {
    const g = bucketGrid(day("2026-03-29T00:00:00+01:00"), day("2026-03-30T00:00:00+02:00"), "1h", OSLO);
    expect(g).toHaveLength(23);
    expect(iso(g).slice(0, 3)).toEqual([
      "2026-03-29T00:00:00.000+01:00",
      "2026-03-29T01:00:00.000+01:00",
      "2026-03-29T03:00:00.000+02:00",
    ]);
  });

  it("has 25 hourly buckets on the autumn DST day, the 02:00 hour twice with different offsets", () => {
    const g = bucketGrid(day("2026-10-25T00:00:00+02:00"), day("2026-10-26T00:00:00+01:00"), "1h", OSLO);
    expect(g).toHaveLength(25);
    expect(iso(g).filter((t) => t.startsWith("2026-10-25T02:00"))).toEqual([
      "2026-10-25T02:00:00.000+02:00",
      "2026-10-25T02:00:00.000+01:00",
    ]);
  });

  it("gives 5-minute buckets through the repeated hour: 12 per real hour, 300 on the 25 h day", () => {
    const g = bucketGrid(day("2026-10-25T00:00:00+02:00"), day("2026-10-26T00:00:00+01:00"), "5m", OSLO);
    expect(g).toHaveLength(300);
    expect(new Set(g.map((m, i) => (i === 0 ? 300_000 : m - (g[i - 1] as number))))).toEqual(
      new Set([300_000]),
    );
  });

  it("has 23 h and 25 h days in a daily grid across both changes", () => {
    const spring = bucketGrid(day("2026-03-28T00:00:00+01:00"), day("2026-03-31T00:00:00+02:00"), "1d", OSLO);
    expect(spring.slice(1).map((m, i) => (m - (spring[i] as number)) / 3_600_000)).toEqual([24, 23]);
    const autumn = bucketGrid(day("2026-10-24T00:00:00+02:00"), day("2026-10-27T00:00:00+01:00"), "1d", OSLO);
    expect(autumn.slice(1).map((m, i) => (m - (autumn[i] as number)) / 3_600_000)).toEqual([24, 25]);
  });

  it("starts weeks on Monday and months on the 1st, local midnight", () => {
    const weeks = bucketGrid(day("2026-10-21T12:00:00Z"), day("2026-11-03T00:00:00Z"), "1w", OSLO);
    expect(iso(weeks)).toEqual([
      "2026-10-19T00:00:00.000+02:00",
      "2026-10-26T00:00:00.000+01:00",
      "2026-11-02T00:00:00.000+01:00",
    ]);
    const months = bucketGrid(day("2026-02-15T00:00:00Z"), day("2026-04-02T00:00:00Z"), "1mo", OSLO);
    expect(iso(months)).toEqual([
      "2026-02-01T00:00:00.000+01:00",
      "2026-03-01T00:00:00.000+01:00",
      "2026-04-01T00:00:00.000+02:00",
    ]);
  });

  it("floors hours on the local clock in a half-hour zone", () => {
    const start = bucketStart(day("2026-05-01T10:20:00Z"), "1h", "Asia/Kolkata");
    expect(toApiTime(start, "Asia/Kolkata")).toBe("2026-05-01T15:00:00.000+05:30");
  });
});
