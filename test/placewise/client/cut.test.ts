import { afterEach, describe, expect, it } from "vitest";
import { simulatorTotal } from "../../support/placewise-truth.ts";
import { makeQuery, ms } from "./query-fixture.ts";
import { BIG, OSLO, setup, total } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("the 1000 data point cut", () => {
  it("re-fetches a cut answer in halves until every part is whole", async () => {
    // A lower cut in the simulator makes the real algorithm split several levels deep on small data.
    env = await setup({ sim: { maxDataPoints: 40 }, client: { maxDataPoints: 40 } });
    const q = makeQuery({ from: "2025-08-25", to: "2025-08-27", interval: "1h", aggregateBy: "member_age" });
    const result = await env.client.query(q);
    expect(result.truncated).toBe(false);
    expect(result.cost.requests).toBeGreaterThan(4);
    expect(total(result.series)).toBe(simulatorTotal(env.sim, OSLO, q.range.fromMs, q.range.toMs));
    const last = env.sim.requests.at(-1)?.body as { from: string; to: string };
    expect(Date.parse(last.to) - Date.parse(last.from)).toBeLessThan(48 * 3_600_000);
  });

  it("marks a bucket that is cut even alone as truncated instead of reporting a wrong total", async () => {
    env = await setup();
    const q = {
      ...makeQuery({ from: "2025-08-26", to: "2025-08-28", interval: "1d", aggregateBy: "member_place_id" }),
      customer: `id=${BIG}`,
    };
    const result = await env.client.query(q);
    expect(result.truncated).toBe(true);
    expect(result.truncatedBuckets).toEqual([ms("2025-08-26"), ms("2025-08-27")]);
    // The two days were asked for together, then one by one.
    expect(env.sim.requests).toHaveLength(3);
    expect(total(result.series)).toBeLessThan(simulatorTotal(env.sim, BIG, q.range.fromMs, q.range.toMs));
  });

  it("heals the big club's breakdown at a finer interval where each bucket fits", async () => {
    env = await setup();
    const q = {
      ...makeQuery({
        from: "2025-08-27T10:00",
        to: "2025-08-27T14:00",
        interval: "1h",
        aggregateBy: "member_place_id",
      }),
      customer: `id=${BIG}`,
    };
    const result = await env.client.query(q);
    expect(result.truncated).toBe(false);
    expect(total(result.series)).toBe(simulatorTotal(env.sim, BIG, q.range.fromMs, q.range.toMs));
  });
});
