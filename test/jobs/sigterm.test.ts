/**
 * SIGTERM to the real `offer-digest serve worker` process while a digest is in flight: it stops
 * claiming, lets the run finish or hands its lease back, and exits 0 within 10 s (the contract).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Fault, SlackEmulator } from "../../src/local/slack-emulator/index.ts";
import { type Database, migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { listRuns } from "../../src/store/runs.ts";
import { createSubscription, type Subscription } from "../../src/store/subscriptions.ts";
import { startSlackFake } from "../fakes/slack.ts";
import { BOT, CHANNEL, CREATOR, runKeyIn, TEAM } from "./harness.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin", "offer-digest.js");

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

interface Started {
  readonly emulator: SlackEmulator;
  readonly database: Database;
  readonly sub: Subscription;
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; at: number }>;
  output(): string;
}

/** A subscription due now (real clock), a Slack emulator with `fault`, and the worker process. */
async function startWorkerProcess(fault: Fault): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-sigterm-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const url = `file:${join(dir, "db.sqlite")}`;
  const database = await openDatabase(url);
  cleanup.push(() => database.close());
  await migrateToLatest(database.db);
  const now = Date.now();
  const minute = Math.floor(now / 60_000) * 60_000;
  // Hourly at this minute, due since its start: the worker's first tick at start-up claims it, and
  // a slow start-up (under load) that crosses into the next minute finds no second run.
  const sub = await createSubscription(database.db, {
    teamId: TEAM,
    channelId: CHANNEL,
    creatorId: CREATOR,
    query: "last 24h interval=1h",
    scheduleText: "hourly",
    cron: `${new Date(minute).getUTCMinutes()} * * * *`,
    timezone: "Europe/Oslo",
    nextRunAt: minute,
    now,
  });
  const emulator = await startSlackFake({
    teamId: TEAM,
    botUserId: BOT,
    channels: [{ id: CHANNEL, name: "offers", members: [BOT, CREATOR] }],
    users: [{ id: CREATOR, name: "ann" }],
  });
  cleanup.push(() => emulator.close());
  emulator.injectFault(fault);
  // cwd is the temp folder so a developer's .env is not read.
  const child = spawn(process.execPath, [BIN, "serve", "worker"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: url,
      SLACK_BOT_TOKEN: emulator.token,
      SLACK_SIGNING_SECRET: "sigterm-test-secret",
      SLACK_API_URL: emulator.apiUrl,
      LOG_LEVEL: "info",
    },
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<{ code: number | null; at: number }>((r) =>
    child.on("close", (code) => r({ code, at: Date.now() })),
  );
  cleanup.push(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
  });
  return { emulator, database, sub, child, exited, output: () => out };
}

/** Resolves when the emulator has received a call of `method` (it may still be holding the answer). */
async function called(emulator: SlackEmulator, method: string, child: ChildProcess): Promise<void> {
  // Start-up (tsx, Vega, sharp) takes a few seconds; look every 50 ms rather than guess a sleep.
  for (let i = 0; i < 600; i++) {
    if (emulator.callsOf(method).length > 0) return;
    if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode} before calling ${method}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`worker did not call ${method} within 30 s`);
}

describe("SIGTERM to `serve worker` with a digest in flight", () => {
  it("lets the run finish, then exits 0 within 10 s", async () => {
    // Slack stores the message, then holds its answer 2 s: the run is mid-post when SIGTERM comes.
    const w = await startWorkerProcess({ method: "chat.postMessage", delayMs: 2_000 });
    await called(w.emulator, "chat.postMessage", w.child);
    const sent = Date.now();
    w.child.kill("SIGTERM");
    const { code, at } = await w.exited;
    expect(code, w.output()).toBe(0);
    expect(at - sent).toBeLessThan(10_000);

    const runs = await listRuns(w.database.db, TEAM, w.sub.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ state: "delivered" });
    const digests = w.emulator.messagesIn(CHANNEL).filter((m) => runKeyIn(m) !== undefined);
    expect(digests).toHaveLength(1);
  }, 60_000);

  it("hands back the lease of a run that cannot finish in time, and still exits 0 within 10 s", async () => {
    // The chart upload hangs for 60 s, longer than the 6 s the worker gives running work.
    const w = await startWorkerProcess({ method: "files.getUploadURLExternal", delayMs: 60_000 });
    await called(w.emulator, "files.getUploadURLExternal", w.child);
    const sent = Date.now();
    w.child.kill("SIGTERM");
    const { code, at } = await w.exited;
    expect(code, w.output()).toBe(0);
    expect(at - sent).toBeLessThan(10_000);

    const runs = await listRuns(w.database.db, TEAM, w.sub.id);
    expect(runs).toHaveLength(1);
    // Claimed with lease_until 0: the next worker to tick takes it over at once.
    expect(runs[0]).toMatchObject({ state: "claimed", leaseUntil: 0 });
    expect(w.emulator.messagesIn(CHANNEL)).toHaveLength(0);
    // 6 s of grace for the run, then the lease is handed back and the process ends at once.
    expect(at - sent).toBeLessThan(8_000);
  }, 60_000);
});
