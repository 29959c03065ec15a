import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { simulatorTotal } from "../../support/placewise-truth.ts";
import { post, q, total, validHeaders } from "./helpers.ts";

const clock = new ManualClock(Date.parse("2025-09-03T12:00:00+02:00"));

describe("the silent 1000-point cut", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ testHooks: true, clock });
  });
  afterAll(() => sim.close());

  it("one day of the big club by member place is cut at 1000 points with no error", async () => {
    const from = Date.parse("2025-08-27T00:00:00+02:00");
    const to = Date.parse("2025-08-28T00:00:00+02:00");
    const body = q({
      interval: "1d",
      from: "2025-08-27T00:00:00+02:00",
      to: "2025-08-28T00:00:00+02:00",
      aggregate_by: "member_place_id",
    });
    const r = await post(sim, body, validHeaders("id=1000943"));
    expect(r.status).toBe(200);
    expect(r.json.data_points).toBe(1000);
    expect(r.json.series).toHaveLength(1000);
    // The places past the first 1000 are missing: the answer undercounts the day.
    const truth = simulatorTotal(sim, 1000943, from, to);
    expect(total(r.json)).toBeLessThan(truth);
    const plain = await post(sim, { ...body, aggregate_by: undefined }, validHeaders("id=1000943"));
    expect(total(plain.json)).toBe(truth);
  });

  it("a month of the big club by member place is cut the same way", async () => {
    const body = q({
      interval: "1mo",
      from: "2025-08-01T00:00:00+02:00",
      to: "2025-09-01T00:00:00+02:00",
      aggregate_by: "member_place_id",
    });
    const r = await post(sim, body, validHeaders("id=1000943"));
    expect(r.json.data_points).toBe(1000);
  });
});

describe("a lower maxDataPoints", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ testHooks: true, clock, maxDataPoints: 20 });
  });
  afterAll(() => sim.close());

  it("keeps the first points in series order, then bucket order, and drops emptied series", async () => {
    const body = q({
      interval: "1h",
      from: "2025-08-27T00:00:00+02:00",
      to: "2025-08-28T00:00:00+02:00",
      aggregate_by: "member_gender",
    });
    const full = await startSimulator({ testHooks: true, clock });
    let uncut: { series: { label: object; values: (number | null)[] }[]; time_buckets: string[] };
    try {
      uncut = (await post(full, body)).json;
    } finally {
      await full.close();
    }
    const r = await post(sim, body);
    expect(r.json.data_points).toBe(20);
    const kept = r.json.series.flatMap((s: { values: (number | null)[] }) =>
      s.values.filter((v) => v !== null),
    );
    expect(kept).toHaveLength(20);
    // Female has 14 non-empty hours that day, so the cut falls inside the male series.
    expect(uncut.series[0]?.values.filter((v) => v !== null)).toHaveLength(14);
    const expected = uncut.series.flatMap((s) => s.values.filter((v) => v !== null)).slice(0, 20);
    expect(kept).toEqual(expected);
    expect(r.json.series.map((s: { label: object }) => s.label)).toEqual([
      { member_gender: "female" },
      { member_gender: "male" },
    ]);
    expect(uncut.series).toHaveLength(4);
  });
});

describe("data lag", () => {
  let sim: Simulator;
  // 12:07 with a 15-minute lag: data exists up to 11:52.
  const now = new ManualClock(Date.parse("2025-09-03T12:07:00+02:00"));
  beforeAll(async () => {
    sim = await startSimulator({ testHooks: true, clock: now });
  });
  afterAll(() => sim.close());

  it("has no data after now minus the lag, and the newest bucket is partial", async () => {
    const r = await post(
      sim,
      q({ interval: "5m", from: "2025-09-03T11:00:00+02:00", to: "2025-09-03T13:00:00+02:00" }),
    );
    expect(r.json.time_buckets.at(-1)).toBe("2025-09-03T11:50:00.000+02:00");
    const partial = r.json.series[0].values.at(-1);
    const from = Date.parse("2025-09-03T11:50:00+02:00");
    expect(partial).toBe(simulatorTotal(sim, 1000941, from, Date.parse("2025-09-03T11:52:00+02:00")));
    now.advance(3 * 60_000);
    const later = await post(
      sim,
      q({ interval: "5m", from: "2025-09-03T11:00:00+02:00", to: "2025-09-03T13:00:00+02:00" }),
    );
    const idx = later.json.time_buckets.indexOf("2025-09-03T11:50:00.000+02:00");
    expect(later.json.series[0].values[idx]).toBeGreaterThanOrEqual(partial ?? 0);
    expect(later.json.series[0].values[idx]).toBe(simulatorTotal(sim, 1000941, from, from + 5 * 60_000));
  });

  it("has nothing in the future", async () => {
    const r = await post(
      sim,
      q({ interval: "1h", from: "2025-09-04T00:00:00+02:00", to: "2025-09-05T00:00:00+02:00" }),
    );
    expect(r.status).toBe(200);
    expect(r.json.time_buckets).toEqual([]);
    expect(r.json.series).toEqual([{ label: {}, values: [] }]);
    expect(r.json.data_points).toBe(0);
  });
});
