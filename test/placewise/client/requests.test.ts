import { afterEach, describe, expect, it } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { simulatorTotal } from "../../support/placewise-truth.ts";
import { makeQuery } from "./query-fixture.ts";
import { OSLO, setup, total } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("requests on the wire", () => {
  it("sends the documented headers and body with a user token", async () => {
    env = await setup();
    const q = makeQuery({
      from: "2025-08-27T00:00",
      to: "2025-08-28T00:00",
      interval: "1h",
      aggregateBy: "member_gender",
      filters: [
        { field: "offer_type", values: ["regular", "birthday"] },
        { field: "authorized", values: [true] },
      ],
    });
    const result = await env.client.query(q);
    expect(env.sim.requests).toHaveLength(1);
    const [req] = env.sim.requests;
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/v1/reporting/query");
    expect(req?.status).toBe(200);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers["x-user-agent"]).toMatch(/^offer-digest\/\d+\.\d+\.\d+$/);
    expect(req?.headers.authorization).toBe(`Bearer ${SIM_TOKENS.user}`);
    expect(req?.headers["x-client-authorization"]).toBeUndefined();
    expect(req?.headers["x-customer"]).toBe(`id=${OSLO}`);
    expect(req?.body).toEqual({
      report: "offers_usages_history",
      filter: {
        type: "and",
        operations: [
          {
            type: "or",
            operations: [
              { type: "equal", field: "offer_type", value: "regular" },
              { type: "equal", field: "offer_type", value: "birthday" },
            ],
          },
          { type: "equal", field: "authorized", value: true },
        ],
      },
      aggregate_by: "member_gender",
      interval: "1h",
      from: "2025-08-27T00:00:00.000+02:00",
      to: "2025-08-28T00:00:00.000+02:00",
    });
    expect(result.series.length).toBeGreaterThan(1);
    expect(result.series.every((s) => s.values.length === 24)).toBe(true);
    expect(result.cost).toEqual({ requests: 1, tokens: 5, cachedBuckets: 0 });
  });

  it("sends a client token as X-Client-Authorization and the query's customer over the default", async () => {
    env = await setup({ client: { userToken: null, clientToken: SIM_TOKENS.client } });
    const q = {
      ...makeQuery({ from: "2025-08-27", to: "2025-08-28", interval: "1d" }),
      customer: "id=1000942",
    };
    const result = await env.client.query(q);
    const req = env.sim.requests[0];
    expect(req?.headers["x-client-authorization"]).toBe(SIM_TOKENS.client);
    expect(req?.headers.authorization).toBeUndefined();
    expect(req?.headers["x-customer"]).toBe("id=1000942");
    expect((req?.body as { filter: unknown } | undefined)?.filter).toBeNull();
    expect(result.rangeTimezone).toBe("Europe/Helsinki");
  });

  it("splits 30 days of hours into requests of at most 150 buckets whose total equals the daily query's", async () => {
    env = await setup();
    const hourly = makeQuery({ from: "2025-08-01", to: "2025-08-31", interval: "1h" });
    const byHour = await env.client.query(hourly);
    // Requests run three at a time, so they arrive in any order.
    const bodies = env.sim.requests
      .map((r) => r.body as { from: string; to: string })
      .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
    expect(bodies).toHaveLength(5);
    expect(bodies[0]?.from).toBe("2025-08-01T00:00:00.000+02:00");
    expect(bodies.at(-1)?.to).toBe("2025-08-31T00:00:00.000+02:00");
    for (let i = 1; i < bodies.length; i++) expect(bodies[i]?.from).toBe(bodies[i - 1]?.to);
    for (const b of bodies)
      expect((Date.parse(b.to) - Date.parse(b.from)) / 3_600_000).toBeLessThanOrEqual(150);
    expect(byHour.series[0]?.values).toHaveLength(720);

    const byDay = await env.client.query({ ...hourly, interval: "1d" });
    expect(byDay.series[0]?.values).toHaveLength(30);
    expect(total(byHour.series)).toBe(total(byDay.series));
    expect(total(byHour.series)).toBe(simulatorTotal(env.sim, OSLO, hourly.range.fromMs, hourly.range.toMs));
    expect(total(byHour.series)).toBeGreaterThan(10_000);
  });

  it("gives hourly totals equal to the sums of their 5-minute buckets", async () => {
    env = await setup();
    const q = makeQuery({ from: "2025-08-30T00:00", to: "2025-09-01T00:00", interval: "5m" });
    const fine = await env.client.query(q);
    const coarse = await env.client.query({ ...q, interval: "1h" });
    const values5m = fine.series[0]?.values ?? [];
    expect(values5m).toHaveLength(576);
    const summed = Array.from({ length: 48 }, (_, h) =>
      values5m.slice(h * 12, h * 12 + 12).reduce((a, b) => a + b, 0),
    );
    expect(coarse.series[0]?.values).toEqual(summed);
    expect(total(fine.series)).toBeGreaterThan(1000);
  });

  it("lays clubs in two zones each on its own grid when the answer is 'local'", async () => {
    env = await setup();
    const q = {
      ...makeQuery({ from: "2025-08-27T00:00", to: "2025-08-29T00:00", interval: "1h" }),
      customer: "id=1000941_1000942",
    };
    const result = await env.client.query(q);
    expect(result.rangeTimezone).toBe("local");
    const zones = result.series.map((s) => s.timezone).sort();
    expect(zones).toEqual(["Europe/Helsinki", "Europe/Oslo"]);
    for (const s of result.series) {
      const club = s.label.loyalty_club_id as number;
      expect(s.values).toHaveLength(48);
      expect(s.values.reduce((a, b) => a + b, 0)).toBe(
        simulatorTotal(env.sim, club, q.range.fromMs, q.range.toMs),
      );
    }
  });
});
