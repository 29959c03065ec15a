/**
 * Issue 13, item 4: a `web` process on PostgreSQL hands `/offers report` and `/offers run` to the
 * workers through the database. A web runtime (real Bolt app, signed requests) and worker runtimes
 * on one fresh schema and one Slack emulator: the report reaches the channel through a worker, woken
 * by NOTIFY or, with notifications off, by its poll; a worker killed with SIGKILL after posting but
 * before recording leaves its job to be retaken, and the digest is in the channel once. SQLite and
 * `npm start` (role all) keep doing the work themselves.
 */
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { parseConfig } from "../../src/config.ts";
import type { EmulatorMessage } from "../../src/local/slack-emulator/index.ts";
import { type Runtime, startRuntime } from "../../src/runtime.ts";
import { getReportJob } from "../../src/store/report-jobs.ts";
import { silentLogger } from "../../src/util/log.ts";
import { type AppHarness, startApp } from "../slack/support/harness.ts";
import { SIGNING_SECRET } from "../slack/support/requests.ts";
import { shown } from "../slack/support/text.ts";
import { CHANNELS } from "../slack/support/workspace.ts";
import { targets } from "../store/databases.ts";
import { type RuntimeChild, startRuntimeChild } from "./runtime-children.ts";

const postgres = targets.find((t) => t.name === "postgres");
const skip = postgres?.skipReason !== null;
if (skip) console.warn(`SKIPPED: hand-off of reports to workers on PostgreSQL: ${postgres?.skipReason}.`);

/** The digests in #offers (not the ephemeral answers). */
function digests(h: AppHarness): EmulatorMessage[] {
  return h.emulator.messagesIn(CHANNELS.offers.id).filter((m) => !m.ephemeral && m.thread_ts === undefined);
}

/**
 * Re-checks a condition that no emulator event announces (a database row, a connection) every 50 ms
 * until it holds; the deadline is for a missing answer, not a speed target.
 */
async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function jobs(h: AppHarness) {
  const r = await sql<{ id: number; state: string; attempts: number; lease_owner: string | null }>`
    select id, state, attempts, lease_owner from report_jobs order by id`.execute(h.runtime.deps.db);
  return r.rows;
}

describe.skipIf(skip)("reports handed from web to the workers on PostgreSQL", () => {
  let h: AppHarness;
  let url = "";
  let drop: () => Promise<void> = async () => {};
  const workers: Runtime[] = [];
  const children: RuntimeChild[] = [];

  const env = () => ({
    SLACK_BOT_TOKEN: h.emulator.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: h.emulator.apiUrl,
    DATABASE_URL: url,
    PORT: "0",
    RENDER_THREADS: "0",
  });

  async function startWorkerRuntime(
    jobs: { pollMs: number; listen: boolean; leaseMs?: number },
    clock?: { now(): number },
  ): Promise<Runtime> {
    const rt = await startRuntime(parseConfig(env()), {
      role: "worker",
      host: "127.0.0.1",
      log: silentLogger,
      testHooks: true,
      reportJobs: jobs,
      ...(clock === undefined ? {} : { clock }),
    });
    workers.push(rt);
    return rt;
  }

  beforeAll(async () => {
    const created = await (postgres as NonNullable<typeof postgres>).create();
    url = created.url;
    drop = created.drop;
    h = await startApp({
      databaseUrl: url,
      realTime: true,
      env: { REPORT_HANDOFF: "auto", RENDER_THREADS: "0" },
    });
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.process.exitCode === null) await c.kill();
    for (const w of workers.splice(0)) await w.stop();
    h.emulator.clearFaults();
  });
  afterAll(async () => {
    await h?.close();
    await drop();
  });

  test("the web process queues the report and a worker woken by NOTIFY posts it", async () => {
    // A poll once a minute: the digest can only come in time through the notification.
    const worker = await startWorkerRuntime({ pollMs: 60_000, listen: true });
    await until(() => (worker.reportJobs?.listening() ? true : undefined), "the worker's LISTEN");
    expect(worker.reportJobs?.listening()).toBe(true);
    expect(h.runtime.reportJobs).toBeNull();

    const before = digests(h).length;
    const sent = await h.command("report last 24h interval=1h");
    expect(sent.ack.json?.text).toContain("Working on it");
    const digest = await h.posted(sent, 15_000);
    expect(digest.text).toMatch(/Total: [\d,]+/);
    expect(digests(h).length).toBe(before + 1);
    // Recorded just after the post: wait for the row rather than race it.
    const job = await until(async () => {
      const last = (await jobs(h)).at(-1);
      return last?.state === "done" ? last : undefined;
    }, "the job recorded done");
    expect(job).toMatchObject({ attempts: 1, lease_owner: worker.worker?.owner });
    // The worker serves no HTTP: web's /metrics carries the hand-off queue's depth.
    const metrics = await (await fetch(`http://127.0.0.1:${h.runtime.web?.port}/metrics`)).text();
    expect(metrics).toMatch(/^offer_digest_queue_depth\{queue="report_jobs"\} \d+$/m);
  });

  test("with notifications off the worker's poll finds the job", async () => {
    const worker = await startWorkerRuntime({ pollMs: 200, listen: false });
    expect(worker.reportJobs?.listening()).toBe(false);
    const sent = await h.command("report last 7d interval=1d");
    const digest = await h.posted(sent, 15_000);
    expect(digest.text).toMatch(/Total: [\d,]+/);
    await until(async () => ((await jobs(h)).at(-1)?.state === "done" ? true : undefined), "the job done");
  });

  test("/offers run N: the worker posts the digest and answers the caller as web would", async () => {
    await startWorkerRuntime({ pollMs: 200, listen: true });
    const saved = await h.command("subscribe daily 08:00 last 24h interval=1h");
    const id = Number(/#(\d+)/.exec(await h.reply(saved))?.[1]);
    expect(id).toBeGreaterThan(0);
    const run = await h.command(`run ${id}`);
    expect(run.ack.body).toBe("");
    await h.posted(run, 15_000);
    expect(shown(await h.ephemeral(run, 15_000))).toContain(`#${id} ran now`);
  });

  test("a mistake is still answered in the ack, by web, and nothing is queued", async () => {
    const before = (await jobs(h)).length;
    const sent = await h.command("report last 24h interval=7m");
    expect(sent.ack.json?.text ?? "").not.toContain("Working on it");
    expect(sent.ack.json?.text ?? "").toMatch(/interval/i);
    expect((await jobs(h)).length).toBe(before);
  });

  test("a worker killed with SIGKILL after posting, before recording: the job is retaken and posted once", async () => {
    const leaseMs = 3_000;
    const child = await startRuntimeChild({
      ...env(),
      ROLE: "worker",
      JOB_POLL_MS: "100",
      JOB_LEASE_MS: String(leaseMs),
      OWNER: "doomed-worker",
    });
    children.push(child);
    // Slack keeps the message but holds its answer back: the worker dies waiting for it.
    h.emulator.injectFault({ method: "chat.postMessage", delayMs: 60_000 });
    const before = digests(h).length;
    const sent = await h.command("report last 24h interval=1h");
    await h.posted(sent, 15_000);
    const job = (await jobs(h)).at(-1);
    expect(job).toMatchObject({ state: "claimed", lease_owner: "doomed-worker" });
    expect(await child.kill()).toBeNull();

    // The next worker sees the lease run out by its clock (moved past it, not waited for).
    const later = { now: () => Date.now() + leaseMs + 1_000 };
    const next = await startWorkerRuntime({ pollMs: 100, listen: true }, later);
    const id = job?.id as number;
    const done = await until(async () => {
      const j = await getReportJob(h.runtime.deps.db, id);
      return j?.state === "done" ? j : undefined;
    }, "the job retaken and done");
    expect(done).toMatchObject({ state: "done", attempts: 2, leaseOwner: next.worker?.owner });
    // Looked up by its run key and found: one digest, not two.
    expect(digests(h).length).toBe(before + 1);
    expect(h.emulator.callsOf("chat.postMessage").length).toBeGreaterThan(0);
  });
});

describe("without workers to hand to, the process does the work itself", () => {
  test("SQLite, role web: the report is posted by web and nothing is queued", async () => {
    const h = await startApp({ env: { REPORT_HANDOFF: "auto" } });
    try {
      expect(h.runtime.deps.handOff).toBeUndefined();
      expect(h.runtime.reportJobs).toBeNull();
      const sent = await h.command("report last 24h interval=1h");
      expect(sent.ack.json?.text).toContain("Working on it");
      expect((await h.posted(sent)).text).toMatch(/Total: [\d,]+/);
      expect(await jobs(h)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  test.skipIf(skip)(
    "PostgreSQL, role all (npm start): web does not hand off, its worker still takes jobs",
    async () => {
      const created = await (postgres as NonNullable<typeof postgres>).create();
      const rt = await startRuntime(
        parseConfig({ DATABASE_URL: created.url, PORT: "0", RENDER_THREADS: "0", SLACK_SIGNING_SECRET: "s" }),
        { role: "all", host: "127.0.0.1", log: silentLogger, testHooks: true },
      );
      try {
        expect(rt.deps.handOff).toBeUndefined();
        expect(rt.reportJobs).not.toBeNull();
      } finally {
        await rt.stop();
        await created.drop();
      }
    },
  );
});
