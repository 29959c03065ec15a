/**
 * PostgreSQL going away under a worker (issue 13, "Faults"), without touching the machine's server:
 * the worker reaches it through a loopback TCP proxy (test/support/tcp-proxy.ts) that drops every
 * connection and refuses new ones for a moment. The process must not crash (an idle pool client's or
 * the LISTEN client's error is handled), its LISTEN must come back by itself, and a report handed
 * off after that must reach the channel through the notification alone (its poll is a minute).
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { silentLogger } from "../../src/util/log.ts";
import { type AppHarness, startApp } from "../slack/support/harness.ts";
import { SIGNING_SECRET } from "../slack/support/requests.ts";
import { targets } from "../store/databases.ts";
import { startTcpProxy, type TcpProxy, throughProxy } from "../support/tcp-proxy.ts";

const postgres = targets.find((t) => t.name === "postgres");
const skip = postgres?.skipReason !== null;
if (skip) console.warn(`SKIPPED: PostgreSQL cut under a worker: ${postgres?.skipReason}.`);

/** Re-checks a condition no event announces (a connection state) every 50 ms until it holds. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip)("a worker whose PostgreSQL connections are cut", () => {
  let h: AppHarness;
  let proxy: TcpProxy;
  let worker: Runtime;
  let drop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const created = await (postgres as NonNullable<typeof postgres>).create();
    drop = created.drop;
    h = await startApp({
      databaseUrl: created.url,
      realTime: true,
      env: { REPORT_HANDOFF: "auto", RENDER_THREADS: "0" },
    });
    const target = new URL(created.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    worker = await startRuntime(
      parseConfig({
        SLACK_BOT_TOKEN: h.emulator.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: h.emulator.apiUrl,
        DATABASE_URL: throughProxy(created.url, proxy.port),
        PORT: "0",
        RENDER_THREADS: "0",
      }),
      {
        role: "worker",
        host: "127.0.0.1",
        log: silentLogger,
        testHooks: true,
        reportJobs: { pollMs: 60_000 },
      },
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await proxy?.close();
    await h?.close();
    await drop();
  });

  test("survives, listens again by itself, and a report handed off afterwards arrives by NOTIFY", async () => {
    await until(() => worker.reportJobs?.listening() === true, "the first LISTEN");
    const before = proxy.connections();
    // A query in flight at the cut: its pooled client is checked out, where pg-pool listens for
    // no errors; before src/store/db.ts gave every client a listener, this killed the process.
    const inFlight = sql`select pg_sleep(5)`.execute(worker.deps.db).then(
      () => null,
      (e: Error) => e,
    );
    await new Promise((r) => setTimeout(r, 200));
    proxy.cut();
    expect((await inFlight)?.message).toMatch(/terminated|ECONNRESET|closed/i);
    await until(() => worker.reportJobs?.listening() === false, "the LISTEN connection to drop");
    // While refused, a reconnect attempt fails and is tried again later; nothing throws.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(worker.reportJobs?.listening()).toBe(false);
    proxy.restore();
    await until(() => worker.reportJobs?.listening() === true, "LISTEN again after the cut");
    expect(proxy.connections()).toBeGreaterThan(before);

    const sent = await h.command("report last 24h interval=1h");
    expect(sent.ack.json?.text).toContain("Working on it");
    expect((await h.posted(sent, 15_000)).text).toMatch(/Total: [\d,]+/);
  });
});
