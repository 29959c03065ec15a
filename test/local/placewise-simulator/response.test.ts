import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { perBucket, post, q, total } from "./helpers.ts";

// A Wednesday noon in Oslo; the week before is complete data.
const clock = new ManualClock(Date.parse("2025-09-03T12:00:00+02:00"));
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ testHooks: true, clock });
});
afterAll(() => sim.close());

const SEED_DAY = {
  interval: "5m",
  from: "2025-08-27T09:25:00.000+02:00",
  to: "2025-08-27T15:25:00.000+02:00",
};

describe("response shape", () => {
  it("answers with exactly the seed's keys and formats", async () => {
    const r = await post(sim, q(SEED_DAY));
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual([
      "interval",
      "range_timezone",
      "time_buckets",
      "series",
      "data_points",
      "result_type",
    ]);
    expect(r.json.interval).toBe("5m");
    expect(r.json.range_timezone).toBe("Europe/Oslo");
    expect(r.json.result_type).toBe("timeseries");
    for (const b of r.json.time_buckets) expect(b).toMatch(/^2025-08-27T\d\d:[0-5][05]:00\.000\+02:00$/);
    expect(r.json.series).toHaveLength(1);
    expect(r.json.series[0].label).toEqual({});
    expect(r.json.series[0].values).toHaveLength(r.json.time_buckets.length);
    for (const v of r.json.series[0].values) expect(v === null || (Number.isInteger(v) && v > 0)).toBe(true);
    const nonNull = r.json.series[0].values.filter((v: number | null) => v !== null).length;
    expect(r.json.data_points).toBe(nonNull);
  });

  it("leaves out buckets where nothing happened (the mall opens at 10:00)", async () => {
    const r = await post(sim, q(SEED_DAY));
    // 09:25-09:55 is before opening: a few stray usages at most, so most of those 7 buckets are missing.
    const early = r.json.time_buckets.filter((b: string) => b < "2025-08-27T10:00");
    expect(early.length).toBeLessThan(3);
    for (let i = 0; i < r.json.time_buckets.length; i++) {
      expect(r.json.series.some((s: { values: (number | null)[] }) => s.values[i] !== null)).toBe(true);
    }
    const night = await post(
      sim,
      q({ interval: "5m", from: "2025-08-27T00:00:00+02:00", to: "2025-08-27T06:00:00+02:00" }),
    );
    expect(night.json.time_buckets.length).toBeLessThan(10);
  });

  it("labels aggregated series by the aggregation and they add up to the total", async () => {
    const day = { interval: "1h", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" };
    const plain = await post(sim, q(day));
    const byGender = await post(sim, q({ ...day, aggregate_by: "member_gender" }));
    const labels = byGender.json.series.map((s: { label: unknown }) => s.label);
    expect(labels).toEqual([
      { member_gender: "female" },
      { member_gender: "male" },
      { member_gender: "other" },
      { member_gender: null },
    ]);
    expect(perBucket(byGender.json)).toEqual(perBucket(plain.json));
    const byAuth = await post(sim, q({ ...day, aggregate_by: "authorized" }));
    expect(byAuth.json.series.map((s: { label: unknown }) => s.label)).toEqual([
      { authorized: false },
      { authorized: true },
    ]);
    expect(total(byAuth.json)).toBe(total(plain.json));
  });

  it("resolves interval auto as documented: 12 h -> 5m, 3 days -> 1h, longer -> 1d", async () => {
    const at = (to: string) => post(sim, q({ interval: "auto", from: "2025-08-25T00:00:00+02:00", to }));
    expect((await at("2025-08-25T12:00:00+02:00")).json.interval).toBe("5m");
    expect((await at("2025-08-28T00:00:00+02:00")).json.interval).toBe("1h");
    expect((await at("2025-08-28T00:00:01+02:00")).json.interval).toBe("1d");
  });

  it("starts weeks on Monday and months on the 1st, in the club's zone", async () => {
    const weeks = await post(
      sim,
      q({ interval: "1w", from: "2025-08-01T00:00:00+02:00", to: "2025-09-01T00:00:00+02:00" }),
    );
    expect(weeks.json.time_buckets[0]).toBe("2025-07-28T00:00:00.000+02:00");
    expect(weeks.json.time_buckets).toHaveLength(5);
    const months = await post(
      sim,
      q({ interval: "1mo", from: "2025-01-15T00:00:00+01:00", to: "2025-04-01T00:00:00+02:00" }),
    );
    expect(months.json.time_buckets).toEqual([
      "2025-01-01T00:00:00.000+01:00",
      "2025-02-01T00:00:00.000+01:00",
      "2025-03-01T00:00:00.000+01:00",
    ]);
  });

  it("gives realistic daily counts: a few hundred to a couple of thousand usages, busiest on Saturday", async () => {
    const week = await post(
      sim,
      q({ interval: "1d", from: "2025-08-25T00:00:00+02:00", to: "2025-09-01T00:00:00+02:00" }),
    );
    const days = week.json.series[0].values as number[];
    expect(days).toHaveLength(7);
    for (const d of days) expect(d).toBeGreaterThan(300);
    for (const d of days) expect(d).toBeLessThan(4000);
    expect(days[5]).toBe(Math.max(...days));
  });
});
