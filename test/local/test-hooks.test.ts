/**
 * Fault injection, latency changes and call recording exist for tests; the sandbox that `npm start`
 * runs (startRuntime without `testHooks`, as `serve` calls it) has none of them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { silentLogger } from "../../src/util/log.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function sandbox(testHooks?: boolean): Promise<Runtime> {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-hooks-"));
  const config = parseConfig({ PORT: "0", DATABASE_URL: `file:${join(dir, "db.sqlite")}` });
  const runtime = await startRuntime(config, {
    role: "all",
    host: "127.0.0.1",
    log: silentLogger,
    ...(testHooks === undefined ? {} : { testHooks }),
  });
  cleanup.push(async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return runtime;
}

describe("test hooks in the local Slack and Placewise", () => {
  it("are off in the sandbox as npm start runs it: no admin routes, no faults, no recording", async () => {
    const runtime = await sandbox();
    const sim = runtime.placewise.simulator;
    const emulator = runtime.emulator;
    if (sim === null || emulator === null) throw new Error("the sandbox should run both");
    const admin = await fetch(`${sim.url}/__admin/faults`, {
      method: "POST",
      body: JSON.stringify({ kind: "status", status: 503 }),
    });
    expect(admin.status).toBe(404);
    expect((await fetch(`${sim.url}/__admin/latency`, { method: "POST", body: '{"ms":5000}' })).status).toBe(
      404,
    );
    expect(() => sim.injectFault({ kind: "status", status: 503 })).toThrow(/without testHooks/);
    expect(() => sim.setLatency(5_000)).toThrow(/without testHooks/);
    expect(() => emulator.injectFault({ method: "chat.postMessage", error: "fatal_error" })).toThrow(
      /without testHooks/,
    );
    // A real call still works; it is just not kept.
    await runtime.deps.web.auth.test();
    await runtime.placewise.client.query(
      (await import("../../src/placewise/words.ts")).parseQuery(["last", "24h"], {
        now: Date.now(),
        defaultTimezone: "Europe/Oslo",
      }),
    );
    expect(emulator.calls).toEqual([]);
    expect(sim.requests).toEqual([]);
  });

  it("are on when a test asks for them", async () => {
    const runtime = await sandbox(true);
    const sim = runtime.placewise.simulator;
    if (sim === null || runtime.emulator === null) throw new Error("the sandbox should run both");
    const admin = await fetch(`${sim.url}/__admin/latency`, { method: "POST", body: '{"ms":0}' });
    expect(admin.status).toBe(200);
    await runtime.deps.web.auth.test();
    expect(runtime.emulator.callsOf("auth.test").length).toBeGreaterThan(0);
  });
});
