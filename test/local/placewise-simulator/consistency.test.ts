import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { expectedTotal } from "../../support/placewise-truth.ts";
import { post, q, total, validHeaders } from "./helpers.ts";

const clock = new ManualClock(Date.parse("2025-09-03T12:00:00+02:00"));
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ testHooks: true, clock });
});
afterAll(() => sim.close());

/** Totals per hour from 5m buckets: "2025-08-27T10" -> sum. */
function byHour(json: {
  time_buckets: string[];
  series: { values: (number | null)[] }[];
}): Map<string, number> {
  const out = new Map<string, number>();
  json.time_buckets.forEach((b, i) => {
    const key = b.slice(0, 13);
    out.set(key, (out.get(key) ?? 0) + json.series.reduce((s, ser) => s + (ser.values[i] ?? 0), 0));
  });
  return out;
}

describe("numbers agree at every interval", () => {
  it("an hour equals the sum of its twelve 5-minute buckets", async () => {
    // 08:00-20:00 is 144 five-minute buckets, inside the 150 limit.
    const range = { from: "2025-08-27T08:00:00+02:00", to: "2025-08-27T20:00:00+02:00" };
    const fine = await post(sim, q({ ...range, interval: "5m" }));
    const hourly = await post(sim, q({ ...range, interval: "1h" }));
    const hours = new Map<string, number>(
      hourly.json.time_buckets.map((b: string, i: number) => [
        b.slice(0, 13),
        hourly.json.series[0].values[i],
      ]),
    );
    expect(byHour(fine.json)).toEqual(hours);
  });

  it("a day equals the sum of its hours", async () => {
    const range = { from: "2025-08-25T00:00:00+02:00", to: "2025-08-31T00:00:00+02:00" };
    const hourly = await post(sim, q({ ...range, interval: "1h" }));
    const daily = await post(sim, q({ ...range, interval: "1d" }));
    const sums = new Map<string, number>();
    hourly.json.time_buckets.forEach((b: string, i: number) => {
      sums.set(b.slice(0, 10), (sums.get(b.slice(0, 10)) ?? 0) + (hourly.json.series[0].values[i] ?? 0));
    });
    expect(daily.json.time_buckets.map((b: string) => b.slice(0, 10))).toEqual([...sums.keys()]);
    expect(daily.json.series[0].values).toEqual([...sums.values()]);
  });

  it("matches the generator's ground truth, with and without filters", async () => {
    const from = Date.parse("2025-08-18T00:00:00+02:00");
    const to = Date.parse("2025-08-25T00:00:00+02:00");
    const range = { interval: "1d", from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    expect(total((await post(sim, q(range))).json)).toBe(expectedTotal(1000941, from, to));
    const filter = { type: "equal", field: "offer_type", value: "birthday" } as const;
    expect(total((await post(sim, q({ ...range, filter }))).json)).toBe(
      expectedTotal(1000941, from, to, filter),
    );
    const list = [{ field: "member_gender", values: ["female", "other"] }] as const;
    const node = {
      type: "or",
      operations: [
        { type: "equal", field: "member_gender", value: "female" },
        { type: "equal", field: "member_gender", value: "other" },
      ],
    };
    expect(total((await post(sim, q({ ...range, filter: node }))).json)).toBe(
      expectedTotal(1000941, from, to, list),
    );
  });

  it("splits the total exactly across every aggregation", async () => {
    // One day: ~370 member places stay under the 1000-point cut.
    const range = { interval: "1d", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" };
    const all = total((await post(sim, q(range))).json);
    expect(all).toBeGreaterThan(1000);
    for (const agg of [
      "member_gender",
      "member_age",
      "member_city_place_id",
      "member_place_id",
      "authorized",
      "authorization_type",
    ]) {
      expect(total((await post(sim, q({ ...range, aggregate_by: agg }))).json), agg).toBe(all);
    }
  });

  it("filters with equal, or, and, not_equal null and comparisons as SQL would", async () => {
    const range = { interval: "1d", from: "2025-08-25T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" };
    const count = async (filter: unknown) => total((await post(sim, q({ ...range, filter }))).json);
    const all = await count(null);
    const authorized = await count({ type: "equal", field: "authorized", value: true });
    const unauthorized = await count({ type: "equal", field: "authorized", value: false });
    expect(authorized + unauthorized).toBe(all);
    // Unauthorized usages have no authorization type: IS NULL / IS NOT NULL split the same way.
    expect(await count({ type: "equal", field: "authorization_type", value: null })).toBe(unauthorized);
    expect(await count({ type: "not_equal", field: "authorization_type", value: null })).toBe(authorized);
    const qr = await count({ type: "equal", field: "authorization_type", value: "qr_code" });
    expect(await count({ type: "not_equal", field: "authorization_type", value: "qr_code" })).toBe(
      authorized - qr,
    );
    const types = ["birthday", "welcome"];
    const either = await count({
      type: "or",
      operations: types.map((value) => ({ type: "equal", field: "offer_type", value })),
    });
    const each = await Promise.all(
      types.map((value) => count({ type: "equal", field: "offer_type", value })),
    );
    expect(either).toBe((each[0] as number) + (each[1] as number));
    const both = await count({
      type: "and",
      operations: [
        { type: "equal", field: "offer_type", value: "birthday" },
        { type: "equal", field: "authorized", value: true },
      ],
    });
    expect(both).toBeLessThan(each[0] as number);
    expect(both).toBeGreaterThan(0);
    const store = sim.clubs[0]?.stores[30] as number;
    const below = await count({ type: "less_than", field: "store_id", value: store });
    const atOrAbove = await count({ type: "greater_or_equal_to", field: "store_id", value: store });
    expect(below + atOrAbove).toBe(all);
    const above = await count({ type: "greated_than", field: "store_id", value: store });
    const atOrBelow = await count({ type: "less_or_equal_to", field: "store_id", value: store });
    expect(above + atOrBelow).toBe(all);
  });

  it("gives the same answer twice, and the same numbers from another simulator with the same seed", async () => {
    const body = q({
      interval: "1h",
      from: "2025-08-27T00:00:00+02:00",
      to: "2025-08-28T00:00:00+02:00",
      aggregate_by: "member_age",
    });
    const a = await post(sim, body);
    const b = await post(sim, body);
    expect(b.json).toEqual(a.json);
    const twin = await startSimulator({ testHooks: true, clock, seed: 1 });
    const other = await startSimulator({ testHooks: true, clock, seed: 2 });
    try {
      expect((await post(twin, body)).json).toEqual(a.json);
      expect((await post(other, body)).json).not.toEqual(a.json);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it("clubs of one zone are summed into one series with that zone", async () => {
    const range = q({ interval: "1d", from: "2025-08-25T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" });
    const oslo = await post(sim, range, validHeaders("id=1000941"));
    const big = await post(sim, range, validHeaders("id=1000943"));
    const both = await post(sim, range, validHeaders("id=1000941_1000943"));
    expect(both.json.range_timezone).toBe("Europe/Oslo");
    expect(both.json.series).toHaveLength(1);
    expect(both.json.series[0].values).toEqual(
      oslo.json.series[0].values.map((v: number, i: number) => v + big.json.series[0].values[i]),
    );
  });
});
