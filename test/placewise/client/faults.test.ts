import { afterEach, describe, expect, it } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";
import { makeQuery } from "./query-fixture.ts";
import { setup } from "./sim-fixture.ts";

let env: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const day = makeQuery({ from: "2025-08-27", to: "2025-08-28", interval: "1h" });

async function failure(p: Promise<unknown>): Promise<PlacewiseError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlacewiseError) return e;
    throw e;
  }
  throw new Error("expected the query to fail");
}

describe("transient failures", () => {
  it("waits out a 429's Retry-After and then answers", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "status", status: 429, retryAfterSeconds: 1 });
    const result = await env.client.query(day);
    expect(env.sim.requests.map((r) => r.status)).toEqual([429, 200]);
    // 1 s from Retry-After plus up to 100 ms of jitter (50 with random() = 0.5).
    expect(env.waits).toEqual([1050]);
    expect(result.series[0]?.values).toHaveLength(24);
    expect(env.client.stats.retries).toBe(1);
  });

  it("retries a 503 with backoff until Placewise is back", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "status", status: 503, times: 2 });
    await env.client.query(day);
    expect(env.sim.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(env.waits).toEqual([250, 500]);
  });

  it("retries a connection reset", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "reset" });
    await env.client.query(day);
    expect(env.sim.requests).toHaveLength(2);
    expect(env.sim.requests[1]?.status).toBe(200);
  });

  it("says unavailable after the last attempt, naming how many were made", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "status", status: 503, times: 10 });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("unavailable");
    expect(e.message).toMatch(/gave up after 4 attempts/);
    expect(env.sim.requests).toHaveLength(4);
  });

  it("says rate_limited with the wait when Retry-After is longer than the query may wait", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "status", status: 429, retryAfterSeconds: 120 });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("rate_limited");
    expect(e.details.retryAfterSeconds).toBe(120);
    expect(env.sim.requests).toHaveLength(1);
  });

  it("stops at the deadline when Placewise hangs", async () => {
    env = await setup({ client: { sleep: undefined } });
    env.sim.injectFault({ kind: "hang", times: 10 });
    const started = performance.now();
    const e = await failure(env.client.query(day, { deadlineMs: 300 }));
    expect(e.code).toBe("timeout");
    expect(e.message).toMatch(/within 0.3 s/);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe("failures that are not retried", () => {
  it("does not retry a 422 and carries the API's details", async () => {
    env = await setup();
    env.sim.injectFault({
      kind: "status",
      status: 422,
      body: { error: "Invalid parameters", details: { interval: ["too many buckets"] } },
    });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("invalid_query");
    expect(e.details.apiDetails).toEqual({ interval: ["too many buckets"] });
    expect(env.sim.requests).toHaveLength(1);
  });

  it("does not retry a 403 and names the missing permit", async () => {
    env = await setup({ client: { userToken: null, clientToken: SIM_TOKENS.clientWithoutPermit } });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("permission");
    expect(e.message).toMatch(/Reporting:Api:(Report:OffersUsagesHistory|Query)/);
    expect(env.sim.requests).toHaveLength(1);
  });

  it("reports a wrong client token as auth", async () => {
    env = await setup({ client: { userToken: null, clientToken: "nope" } });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("auth");
    expect(env.sim.requests).toHaveLength(1);
  });

  it("rejects a malformed 200 body as bad_response instead of showing numbers", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "malformed" });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("bad_response");
    expect(env.sim.requests).toHaveLength(1);
  });

  it("rejects a 200 whose values do not match its time buckets", async () => {
    env = await setup();
    env.sim.injectFault({
      kind: "malformed",
      body: {
        interval: "1h",
        range_timezone: "Europe/Oslo",
        time_buckets: ["2025-08-27T09:00:00.000+02:00"],
        series: [{ label: {}, values: [1, 2] }],
        data_points: 2,
        result_type: "timeseries",
      },
    });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("bad_response");
    expect(e.message).toMatch(/2 values for 1 time buckets/);
  });
});

describe("deadlines and cancelling", () => {
  it("fails at once with rate_limited when Retry-After would outlast the query's deadline", async () => {
    env = await setup();
    env.sim.injectFault({ kind: "status", status: 429, retryAfterSeconds: 2 });
    const e = await failure(env.client.query(day, { deadlineMs: 1500 }));
    expect(e.code).toBe("rate_limited");
    expect(e.details.retryAfterSeconds).toBe(2);
    expect(env.waits).toEqual([]);
    expect(env.sim.requests).toHaveLength(1);
  });

  it("stops when the caller cancels, with the caller's reason", async () => {
    env = await setup({ client: { sleep: undefined } });
    env.sim.injectFault({ kind: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(env.client.query(day, { signal: controller.signal })).rejects.toThrow("user left");
  });

  it("keeps answering a caller when another caller of the same request cancels", async () => {
    env = await setup({ sim: { latencyMs: 200 }, client: { sleep: undefined } });
    const controller = new AbortController();
    const first = env.client.query(day, { signal: controller.signal });
    const second = env.client.query(day);
    setTimeout(() => controller.abort(new Error("first left")), 50);
    await expect(first).rejects.toThrow("first left");
    const result = await second;
    expect(result.series[0]?.values).toHaveLength(24);
    expect(env.sim.requests).toHaveLength(1);
  });
});

describe("a missing club", () => {
  it("tells how to name the club when no X-Customer can be sent", async () => {
    env = await setup({ client: { customer: null } });
    const e = await failure(env.client.query(day));
    expect(e.code).toBe("invalid_query");
    expect(e.details.status).toBe(470);
    expect(e.message).toMatch(/PLACEWISE_CUSTOMER/);
    expect(env.sim.requests[0]?.headers["x-customer"]).toBeUndefined();
  });
});
