import { afterEach, describe, expect, it } from "vitest";
import { makeQuery } from "./query-fixture.ts";
import { setup } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("cache of complete buckets", () => {
  it("answers a repeated query of past data without any request", async () => {
    env = await setup();
    const q = makeQuery({
      from: "2025-08-01",
      to: "2025-08-31",
      interval: "1h",
      aggregateBy: "member_gender",
    });
    const first = await env.client.query(q);
    const sent = env.sim.requests.length;
    const second = await env.client.query(q);
    expect(env.sim.requests.length).toBe(sent);
    expect(second.series).toEqual(first.series);
    expect(second.cost).toEqual({ requests: 0, tokens: 0, cachedBuckets: 720 });
    expect(env.client.stats.cacheHits).toBe(720);
  });

  it("fetches only the new hour when an alert's month-long query moves forward by an hour", async () => {
    env = await setup();
    const q = makeQuery({ from: "2025-08-04T11:00", to: "2025-09-03T11:00", interval: "1h" });
    await env.client.query(q);
    const sent = env.sim.requests.length;
    env.clock.advance(3_600_000);
    const hour = 3_600_000;
    const moved = { ...q, range: { ...q.range, fromMs: q.range.fromMs + hour, toMs: q.range.toMs + hour } };
    const result = await env.client.query(moved);
    const newRequests = env.sim.requests.slice(sent);
    expect(newRequests).toHaveLength(1);
    expect(newRequests[0]?.body).toMatchObject({
      from: "2025-09-03T11:00:00.000+02:00",
      to: "2025-09-03T12:00:00.000+02:00",
    });
    expect(result.cost).toMatchObject({ requests: 1, cachedBuckets: 719 });
    // Same numbers as a client that never saw the first query.
    const fresh = await setup({ client: {} });
    fresh.clock.set(env.clock.now());
    try {
      const truth = await fresh.client.query(moved);
      expect(result.series).toEqual(truth.series);
    } finally {
      await fresh.close();
    }
  });

  it("asks again for buckets that were not complete yet", async () => {
    env = await setup();
    // Now is 12:00 with a 15 min lag: 11:00-12:00 is not final, 10:00-11:00 is.
    const q = makeQuery({ from: "2025-09-03T09:00", to: "2025-09-03T12:00", interval: "1h" });
    await env.client.query(q);
    env.clock.advance(30 * 60_000);
    await env.client.query(q);
    expect(env.sim.requests).toHaveLength(2);
    expect(env.sim.requests[1]?.body).toMatchObject({ from: "2025-09-03T11:00:00.000+02:00" });
  });

  it("sends one set of requests for two identical queries in flight at once", async () => {
    env = await setup({ sim: { latencyMs: 50 } });
    const q = makeQuery({ from: "2025-08-01", to: "2025-08-31", interval: "1h" });
    const [a, b] = await Promise.all([env.client.query(q), env.client.query(q)]);
    expect(env.sim.requests).toHaveLength(5);
    expect(env.client.stats.coalesced).toBe(5);
    expect(a.series).toEqual(b.series);
    expect(a.cost.requests + b.cost.requests).toBe(5);
  });
});
