/**
 * What an operator sees over HTTP: /metrics in Prometheus text, /healthz and /readyz reflecting the
 * database and the worker loop. A real runtime (sandbox: emulator and simulator on loopback, SQLite)
 * with a manual clock, so a stalled worker loop is a moved clock, not a wait.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type Runtime, SANDBOX, startRuntime } from "../../src/runtime.ts";
import { createSubscription } from "../../src/store/subscriptions.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { silentLogger } from "../../src/util/log.ts";
import { startWebServer } from "../../src/web.ts";

const START = "2025-08-27T07:59:30.000Z";
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function runtime(): Promise<{
  rt: Runtime;
  clock: ManualClock;
  get: (p: string) => Promise<Response>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-ops-"));
  const clock = new ManualClock(Date.parse(START));
  const config = parseConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "db.sqlite")}` });
  const rt = await startRuntime(config, { role: "all", host: "127.0.0.1", log: silentLogger, clock });
  cleanup.push(async () => {
    await rt.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (p: string) => fetch(`http://127.0.0.1:${rt.web?.port}${p}`);
  return { rt, clock, get };
}

describe("operator endpoints", () => {
  it("/metrics answers Prometheus text, and a delivered digest counts as delivered", async () => {
    const { rt, clock, get } = await runtime();
    const before = await get("/metrics");
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await before.text();
    for (const name of [
      "offer_digest_deliveries_total",
      "offer_digest_delivery_lateness_seconds",
      "offer_digest_placewise_requests_total",
      "offer_digest_placewise_tokens_total",
      "offer_digest_placewise_rate_limited_total",
      "offer_digest_slack_calls_total",
      "offer_digest_slack_rate_limited_total",
      "offer_digest_render_seconds",
      "offer_digest_queue_depth",
    ])
      expect(text).toContain(`# TYPE ${name} `);
    expect(text).not.toContain('offer_digest_deliveries_total{outcome="delivered"} 1');

    await createSubscription(rt.db.db, {
      teamId: SANDBOX.teamId,
      channelId: SANDBOX.channelId,
      creatorId: SANDBOX.userId,
      query: "last 24h interval=1h",
      scheduleText: "daily 08:00",
      cron: "0 8 * * *",
      timezone: "UTC",
      nextRunAt: Date.parse("2025-08-27T08:00:00.000Z"),
      now: clock.now(),
    });
    clock.set("2025-08-27T08:00:20.000Z");
    expect(await rt.worker?.runDueNow()).toEqual({ delivered: 1 });

    const after = await (await get("/metrics")).text();
    expect(after).toContain('offer_digest_deliveries_total{outcome="delivered"} 1');
    // Delivered 20 s after its minute: counted in the 30 s bucket, not the 15 s one.
    expect(after).toContain('offer_digest_delivery_lateness_seconds_bucket{le="15"} 0');
    expect(after).toContain('offer_digest_delivery_lateness_seconds_bucket{le="30"} 1');
    expect(after).toMatch(/offer_digest_placewise_requests_total [1-9]/);
    expect(after).toMatch(/offer_digest_placewise_tokens_total [1-9]/);
    expect(after).toMatch(/offer_digest_slack_calls_total\{method="chat.postMessage"\} 1/);
    expect(after).toMatch(/offer_digest_render_seconds_count 1/);
    expect(after).toContain('offer_digest_queue_depth{queue="runs"} 0');
  });

  it("/healthz and /readyz answer 200 when ready, and 503 once the database is closed", async () => {
    const { rt, get } = await runtime();
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      checks: { app: "ok", database: "ok", migrations: "ok", worker: "ok" },
    });
    expect((await get("/healthz")).status).toBe(200);
    await rt.db.close();
    const down = await get("/readyz");
    expect(down.status).toBe(503);
    expect(((await down.json()) as { checks: { database: string } }).checks.database).not.toBe("ok");
    expect((await get("/healthz")).status).toBe(503);
  });

  it("/healthz answers 503 when the worker loop has not ticked for over 2.5 minutes, 200 after a tick", async () => {
    const { rt, clock, get } = await runtime();
    clock.advance(140_000);
    expect((await get("/healthz")).status).toBe(200);
    clock.advance(20_000);
    const stalled = await get("/healthz");
    expect(stalled.status).toBe(503);
    expect(await stalled.json()).toMatchObject({ ok: false, checks: { worker: "last tick 160 s ago" } });
    expect((await get("/readyz")).status).toBe(503);
    await rt.worker?.tick();
    expect((await get("/healthz")).status).toBe(200);
  });

  it("/readyz and /healthz answer 503 before the app is ready", async () => {
    const web = await startWebServer(0, "127.0.0.1");
    cleanup.push(() => web.close(0));
    const r = await fetch(`http://127.0.0.1:${web.port}/readyz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ ok: false, checks: { app: "starting" } });
    expect((await fetch(`http://127.0.0.1:${web.port}/healthz`)).status).toBe(503);
    web.setReady(true);
    expect((await fetch(`http://127.0.0.1:${web.port}/readyz`)).status).toBe(200);
  });
});
