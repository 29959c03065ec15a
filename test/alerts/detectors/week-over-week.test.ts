import { describe, expect, it } from "vitest";
import { weekOverWeekSums } from "../../../src/alerts/detectors/week-over-week.ts";
import { seriesContext } from "../../../src/alerts/series.ts";
import { hourly, TZ } from "../series-helpers.ts";

/** Cumulative sums of the values, as the anomaly memo keeps them. */
function cumulative(values: readonly number[]): Float64Array {
  const c = new Float64Array(values.length);
  values.forEach((v, i) => {
    c[i] = (i > 0 ? (c[i - 1] as number) : 0) + v;
  });
  return c;
}

describe("week-over-week window sums (the spread's first week, anomaly-memo.ts)", () => {
  it("expects each sum to be the mean of the same local hours 1 and 2 weeks before, across the DST change", () => {
    // 22 local days from Monday 2026-10-12 (Oslo leaves summer time on Sunday 2026-10-25, a 25 h
    // day): each bucket holds its local week's number, so a 3 h sum of the last day (week 4) is 12
    // against (3·3 + 3·2) / 2 = 7.5, whatever the 25 h Sunday did to the bucket indices.
    const times = hourly("2026-10-12", 22 * 24 + 1);
    const ctx = seriesContext({ times, values: times.map(() => 0) }, TZ, 3_600_000);
    const first = ctx.local[0] as number;
    const values = times.map((_, i) => 1 + Math.floor(((ctx.local[i] as number) - first) / (7 * 86_400_000)));
    const withValues = seriesContext({ times, values }, TZ, 3_600_000);
    const j = times.length - 1;
    const s = weekOverWeekSums(withValues, cumulative(values), j, j - 23, 3, 3, 1, () => false);
    expect(s.ys.length).toBe(7);
    expect(s.ys.every((y) => y === 12)).toBe(true);
    expect(s.es.every((e) => e === 7.5)).toBe(true);
  });

  it("leaves out the sums it is told to skip and those expected below the floor", () => {
    const times = hourly("2026-08-03", 22 * 24);
    const values = times.map((_, i) => (Math.floor(i / 24) % 7 === 6 ? 0 : 10));
    const ctx = seriesContext({ times, values }, TZ, 3_600_000);
    const j = times.length - 1;
    const all = weekOverWeekSums(ctx, cumulative(values), j, j - 7 * 24, 1, 1, 1, () => false);
    // Sundays expect 0: their 24 buckets of the last week are not judged.
    expect(all.ys.length).toBe(7 * 24 - 24);
    const some = weekOverWeekSums(ctx, cumulative(values), j, j - 7 * 24, 1, 1, 1, (k) => k % 2 === 0);
    expect(some.ys.length).toBeLessThan(all.ys.length);
  });
});
