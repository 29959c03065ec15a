import { afterEach, describe, expect, it } from "vitest";
import { makeQuery } from "./query-fixture.ts";
import { setup } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("rate-limit pacing", () => {
  it("waits for tokens instead of running into 429 when the bucket is tiny", async () => {
    env = await setup({ sim: { rateLimit: { capacity: 6, refillPerSecond: 1 } } });
    const q = makeQuery({ from: "2025-08-01", to: "2025-08-31", interval: "1h" });
    const result = await env.client.query(q);
    expect(env.sim.requests).toHaveLength(5);
    expect(env.sim.requests.every((r) => r.status === 200)).toBe(true);
    expect(env.client.stats.waitsForTokens).toBeGreaterThan(0);
    expect(result.cost.tokens).toBe(15);
  });

  it("keeps pacing per customer: one club's empty bucket does not slow another", async () => {
    env = await setup({ sim: { rateLimit: { capacity: 3, refillPerSecond: 1 } } });
    const q = makeQuery({ from: "2025-08-27", to: "2025-08-28", interval: "1h" });
    await env.client.query(q);
    await env.client.query({ ...q, customer: "id=1000942" });
    expect(env.client.stats.waitsForTokens).toBe(0);
    await env.client.query({ ...q, interval: "1d" });
    expect(env.client.stats.waitsForTokens).toBe(1);
    expect(env.sim.requests.every((r) => r.status === 200)).toBe(true);
  });
});
