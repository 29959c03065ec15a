/**
 * Scheduled work keeps its share of a club's token bucket: a flood of people's reports (interactive)
 * spends only down to the reserve and does not queue ahead of digests and alerts.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Priority } from "../../../src/placewise/client/index.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";
import { makeQuery } from "./query-fixture.ts";
import { setup } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** 40 different days at 1h: one request of 3 tokens each, 120 tokens against a bucket of 30. */
function flood(priority: Priority) {
  if (env === undefined) throw new Error("no simulator");
  const client = env.client;
  return Array.from({ length: 40 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 7, 30) - i * 86_400_000).toISOString().slice(0, 10);
    const next = new Date(Date.UTC(2025, 7, 31) - i * 86_400_000).toISOString().slice(0, 10);
    return client.query(makeQuery({ from: day, to: next, interval: "1h" }), { priority });
  });
}

async function sentAtLeast(n: number): Promise<void> {
  while ((env?.sim.requests.length ?? 0) < n) await new Promise((r) => setTimeout(r, 1));
}

const scheduledDigest = () => makeQuery({ from: "2025-08-25", to: "2025-09-01", interval: "1d" });

describe("the scheduled reserve of a club's token bucket", () => {
  it("a flood of interactive reports does not make a scheduled fetch fail or meet a 429", async () => {
    env = await setup({ sim: { rateLimit: { capacity: 30, refillPerSecond: 1 } } });
    const reports = flood("interactive");
    await sentAtLeast(3);
    const digest = await env.client.query(scheduledDigest());
    expect(digest.series[0]?.values).toHaveLength(7);
    const outcomes = await Promise.allSettled(reports);
    // People's reports may be told to try again; none of them, nor the digest, ran into a 429.
    for (const o of outcomes) {
      if (o.status === "rejected") {
        expect(o.reason).toBeInstanceOf(PlacewiseError);
        expect((o.reason as PlacewiseError).code).toBe("rate_limited");
      }
    }
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBeGreaterThan(10);
    expect(env.sim.requests.every((r) => r.status === 200)).toBe(true);
  });

  it("without priorities the same digest waits behind the flood and misses its deadline", async () => {
    env = await setup({ sim: { rateLimit: { capacity: 30, refillPerSecond: 1 } } });
    const reports = flood("scheduled");
    await sentAtLeast(3);
    await expect(env.client.query(scheduledDigest())).rejects.toMatchObject({ code: "rate_limited" });
    await Promise.allSettled(reports);
  });
});
