import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { post, q, validHeaders } from "./helpers.ts";

const clock = new ManualClock(Date.parse("2025-09-03T12:00:00+02:00"));
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ testHooks: true, clock, rateLimit: { capacity: 10, refillPerSecond: 1 } });
});
afterAll(() => sim.close());
beforeEach(() => sim.resetRateLimits());

const BODY = q({ interval: "1d", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" });

describe("per-customer token bucket", () => {
  it("charges 3 tokens a query, goes negative once, then answers 429 with Retry-After", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(sim, BODY);
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-cost")).toBe("3");
      expect(r.headers.get("ratelimit-bucket")).toBe("customer:1000941");
      remaining.push(r.headers.get("ratelimit-remaining") as string);
    }
    expect(remaining).toEqual(["7", "4", "1", "-2"]);
    const limited = await post(sim, BODY);
    expect(limited.status).toBe(429);
    // -2 tokens at 1 token/s: above zero after 3 s.
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("ratelimit-remaining")).toBe("-2");
    expect(limited.json.error).toContain("Rate limit");
    clock.advance(2_000);
    expect((await post(sim, BODY)).status).toBe(429);
    clock.advance(1_000);
    expect((await post(sim, BODY)).status).toBe(200);
  });

  it("adds one token per and/or node of the filter", async () => {
    const filter = {
      type: "and",
      operations: [
        { type: "or", operations: [{ type: "equal", field: "offer_type", value: "birthday" }] },
        { type: "equal", field: "authorized", value: true },
      ],
    };
    const r = await post(sim, { ...BODY, filter });
    expect(r.headers.get("ratelimit-cost")).toBe("5");
    expect(r.headers.get("ratelimit-remaining")).toBe("5");
  });

  it("keeps one bucket per customer", async () => {
    for (let i = 0; i < 4; i++) await post(sim, BODY);
    expect((await post(sim, BODY)).status).toBe(429);
    const other = await post(sim, BODY, validHeaders("id=1000942"));
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-bucket")).toBe("customer:1000942");
  });

  it("sends the headers on errors of the customer too", async () => {
    const r = await post(sim, { ...BODY, interval: "2h" });
    expect(r.status).toBe(422);
    expect(r.headers.get("ratelimit-remaining")).toBe("7");
  });

  it("refills to capacity and no further", async () => {
    await post(sim, BODY);
    clock.advance(60_000);
    const r = await post(sim, BODY);
    expect(r.headers.get("ratelimit-remaining")).toBe("7");
  });
});
