import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { post, q, validHeaders } from "./helpers.ts";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    testHooks: true,
    clock: new ManualClock(Date.parse("2025-09-03T12:00:00+02:00")),
  });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clearFaults();
  sim.setLatency(0);
});

const BODY = q({ interval: "1d", from: "2025-08-27T00:00:00+02:00", to: "2025-08-28T00:00:00+02:00" });

function send(signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.url}/v1/reporting/query`, {
    method: "POST",
    headers: validHeaders(),
    body: JSON.stringify(BODY),
    ...(signal ? { signal } : {}),
  });
}

describe("injected faults", () => {
  it("answers a queued status for the given number of requests, then normally", async () => {
    sim.injectFault({ kind: "status", status: 503, retryAfterSeconds: 7, times: 2 });
    const first = await post(sim, BODY);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.json.error).toContain("503");
    expect((await post(sim, BODY)).status).toBe(503);
    expect((await post(sim, BODY)).status).toBe(200);
  });

  it("applies faults in the order they were queued", async () => {
    sim.injectFault({ kind: "status", status: 500 });
    sim.injectFault({ kind: "status", status: 429, retryAfterSeconds: 1, body: { error: "slow down" } });
    expect((await post(sim, BODY)).status).toBe(500);
    const limited = await post(sim, BODY);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: "slow down" });
  });

  it("hangs until the client gives up, and serves the next request", async () => {
    sim.injectFault({ kind: "hang" });
    const started = Date.now();
    await expect(send(AbortSignal.timeout(200))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await post(sim, BODY)).status).toBe(200);
  });

  it("sends a 200 with broken JSON, or with a body of the wrong shape", async () => {
    sim.injectFault({ kind: "malformed" });
    const broken = await send();
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();
    sim.injectFault({ kind: "malformed", body: { series: "none" } });
    expect((await post(sim, BODY)).json).toEqual({ series: "none" });
  });

  it("resets the connection", async () => {
    sim.injectFault({ kind: "reset" });
    await expect(send()).rejects.toThrow();
    expect((await post(sim, BODY)).status).toBe(200);
  });

  it("delays every answer by the configured latency", async () => {
    sim.setLatency(150);
    const started = Date.now();
    expect((await post(sim, BODY)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("closes while a request hangs", async () => {
    const other = await startSimulator({ testHooks: true });
    other.injectFault({ kind: "hang" });
    const pending = fetch(`${other.url}/v1/reporting/query`, {
      method: "POST",
      headers: validHeaders(),
      body: "{}",
    });
    // Recorded in the same turn the server starts holding the answer: from then on close must end it.
    await vi.waitFor(() => expect(other.requests).toHaveLength(1));
    await other.close();
    await expect(pending).rejects.toThrow();
  });
});

describe("admin endpoints", () => {
  const admin = (path: string, method: string, body?: unknown) =>
    fetch(`${sim.url}/__admin/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("queues and clears faults over HTTP", async () => {
    expect((await admin("faults", "POST", { kind: "status", status: 503, times: 3 })).status).toBe(200);
    expect((await post(sim, BODY)).status).toBe(503);
    expect((await admin("faults", "DELETE")).status).toBe(200);
    expect((await post(sim, BODY)).status).toBe(200);
  });

  it("refuses a fault it does not understand", async () => {
    const r = await admin("faults", "POST", { kind: "explode" });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { error: string }).error).toContain("status, hang, malformed, reset");
  });

  it("sets latency and lists clubs and tokens", async () => {
    expect((await admin("latency", "POST", { ms: 120 })).status).toBe(200);
    const started = Date.now();
    await post(sim, BODY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    const clubs = (await (await admin("clubs", "GET")).json()) as {
      clubs: { id: number; timezone: string }[];
      tokens: object;
    };
    expect(clubs.clubs.map((c) => [c.id, c.timezone])).toEqual([
      [1000941, "Europe/Oslo"],
      [1000942, "Europe/Helsinki"],
      [1000943, "Europe/Oslo"],
    ]);
    expect(clubs.tokens).toHaveProperty("user");
  });

  it("does not record admin calls as API requests", async () => {
    const before = sim.requests.length;
    await admin("clubs", "GET");
    expect(sim.requests.length).toBe(before);
  });
});
