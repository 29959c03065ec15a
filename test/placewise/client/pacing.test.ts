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
    // 3 days of 5m: 864 buckets, 6 requests of 3 tokens against a bucket of 6 refilling 1 a second.
    const q = makeQuery({ from: "2025-08-25", to: "2025-08-28", interval: "5m" });
    const result = await env.client.query(q);
    expect(env.sim.requests).toHaveLength(6);
    expect(env.sim.requests.every((r) => r.status === 200)).toBe(true);
    expect(env.client.stats.waitsForTokens).toBeGreaterThan(0);
    expect(result.cost.tokens).toBe(18);
    // 12 tokens beyond the first 6 need at least 12 s of refill, and the pacer waited no more than 2x that.
    const waited = env.waits.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(12_000);
    expect(waited).toBeLessThanOrEqual(24_000);
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

describe("learning the refill rate", () => {
  it("waits less once answers show the bucket refills faster than the first guess", async () => {
    env = await setup({
      sim: { rateLimit: { capacity: 6, refillPerSecond: 3 } },
      client: { concurrency: 1 },
    });
    const q = makeQuery({ from: "2025-08-25", to: "2025-08-28", interval: "5m" });
    await env.client.query(q);
    expect(env.sim.requests.every((r) => r.status === 200)).toBe(true);
    // The first wait assumes 1 token/s (3 s for 3 tokens); later ones use what the answers showed.
    expect(env.waits[0]).toBe(3000);
    expect(Math.min(...env.waits)).toBeLessThanOrEqual(1500);
  });
});
