import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { simulatorTotal } from "../../support/placewise-truth.ts";
import { post, q, total, validHeaders } from "./helpers.ts";

describe("DST days in Europe/Oslo", () => {
  let sim: Simulator;
  const sunday = { fromMs: Date.parse("2026-10-24T22:00:00Z"), toMs: Date.parse("2026-10-25T23:00:00Z") };
  beforeAll(async () => {
    sim = await startSimulator({
      testHooks: true,
      clock: new ManualClock(Date.parse("2026-11-02T12:00:00+01:00")),
      // The mall is closed at night; a x200 "incident" fills every night hour so no bucket is left out.
      incidents: [{ clubId: 1000941, ...sunday, factor: 200 }],
    });
  });
  afterAll(() => sim.close());

  it("the night clocks go back has 25 hourly buckets, 02:00 twice with +02:00 and +01:00", async () => {
    const r = await post(
      sim,
      q({ interval: "1h", from: "2026-10-25T00:00:00+02:00", to: "2026-10-26T00:00:00+01:00" }),
    );
    expect(r.status).toBe(200);
    expect(r.json.time_buckets).toHaveLength(25);
    expect(r.json.time_buckets.slice(0, 5)).toEqual([
      "2026-10-25T00:00:00.000+02:00",
      "2026-10-25T01:00:00.000+02:00",
      "2026-10-25T02:00:00.000+02:00",
      "2026-10-25T02:00:00.000+01:00",
      "2026-10-25T03:00:00.000+01:00",
    ]);
    expect(r.json.time_buckets[24]).toBe("2026-10-25T23:00:00.000+01:00");
    const day = await post(
      sim,
      q({ interval: "1d", from: "2026-10-25T00:00:00+02:00", to: "2026-10-26T00:00:00+01:00" }),
    );
    expect(day.json.time_buckets).toEqual(["2026-10-25T00:00:00.000+02:00"]);
    expect(day.json.series[0].values[0]).toBe(total(r.json));
  });

  it("opening hours follow the local clock after the change: almost nothing before 12:00 local on that Sunday", async () => {
    const body = q({ interval: "1h", from: "2026-10-25T07:00:00+02:00", to: "2026-10-25T20:00:00+02:00" });
    const r = await post(sim, body, validHeaders("id=1000942"));
    const hours = new Map<string, number>(
      r.json.time_buckets.map((b: string, i: number) => [b, r.json.series[0].values[i]]),
    );
    const before = [...hours].filter(([b]) => b < "2026-10-25T12").reduce((s, [, v]) => s + v, 0);
    const open = hours.get("2026-10-25T13:00:00.000+02:00") ?? 0;
    expect(open).toBeGreaterThan(20 * Math.max(1, before));
  });

  it("the night clocks go forward has 23 hourly buckets", async () => {
    const spring = await startSimulator({
      testHooks: true,
      clock: new ManualClock(Date.parse("2026-04-05T12:00:00+02:00")),
      incidents: [
        {
          clubId: 1000941,
          fromMs: Date.parse("2026-03-28T23:00:00Z"),
          toMs: Date.parse("2026-03-29T23:00:00Z"),
          factor: 200,
        },
      ],
    });
    try {
      const r = await post(
        spring,
        q({ interval: "1h", from: "2026-03-29T00:00:00+01:00", to: "2026-03-30T00:00:00+02:00" }),
      );
      expect(r.json.time_buckets).toHaveLength(23);
      expect(r.json.time_buckets.slice(1, 3)).toEqual([
        "2026-03-29T01:00:00.000+01:00",
        "2026-03-29T03:00:00.000+02:00",
      ]);
    } finally {
      await spring.close();
    }
  });
});

describe("clubs in several zones", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      testHooks: true,
      clock: new ManualClock(Date.parse("2025-09-03T12:00:00+02:00")),
    });
  });
  afterAll(() => sim.close());

  it("answers in local time: no offsets, one series per club labelled with its id and zone", async () => {
    const from = Date.parse("2025-08-27T00:00:00+02:00");
    const to = Date.parse("2025-08-28T00:00:00+02:00");
    const body = q({ interval: "1h", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" });
    const r = await post(sim, body, validHeaders("id=1000941_1000942"));
    expect(r.status).toBe(200);
    expect(r.json.range_timezone).toBe("local");
    for (const b of r.json.time_buckets) expect(b).toMatch(/^2025-08-2[78]T\d\d:00:00\.000$/);
    expect(r.json.series.map((s: { label: unknown }) => s.label)).toEqual([
      { loyalty_club_id: 1000941, timezone: "Europe/Oslo" },
      { loyalty_club_id: 1000942, timezone: "Europe/Helsinki" },
    ]);
    // Helsinki opens at 10:00 Helsinki time, which is 09:00 in Oslo: its busy hours are an hour later.
    for (const [i, s] of r.json.series.entries()) {
      const sum = s.values.reduce((a: number, v: number | null) => a + (v ?? 0), 0);
      expect(sum).toBe(simulatorTotal(sim, sim.clubs[i]?.id as number, from, to));
    }
  });

  it("keeps the aggregation label next to the club labels", async () => {
    const body = q({
      interval: "1d",
      from: "2025-08-27T00:00:00+02:00",
      to: "2025-08-28T00:00:00+02:00",
      aggregate_by: "authorized",
    });
    const r = await post(sim, body, validHeaders("all=all"));
    expect(r.json.range_timezone).toBe("local");
    expect(r.json.series).toHaveLength(6);
    expect(r.json.series[0].label).toEqual({
      loyalty_club_id: 1000941,
      timezone: "Europe/Oslo",
      authorized: false,
    });
    expect(r.json.series[5].label).toEqual({
      loyalty_club_id: 1000943,
      timezone: "Europe/Oslo",
      authorized: true,
    });
  });
});
