/**
 * Work sharing inside a burst (src/pipeline/shared-digest.ts), on SQLite and PostgreSQL: two worker
 * runtimes, each with its own database connection, Placewise client and Slack delivery (as two
 * processes have), tick the same minute. Digests with the same resolved query are fetched, drawn and
 * uploaded once between them; each channel still gets its own digest, once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type Worker } from "../../jobs/worker.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { PIPELINE } from "../../src/app/pipeline.ts";
import { chartDrawer } from "../../src/charts/renderer.ts";
import { createDelivery } from "../../src/delivery/index.ts";
import {
  SIM_CLUBS,
  SIM_TOKENS,
  type Simulator,
  startSimulator,
} from "../../src/local/placewise-simulator/index.ts";
import type { EmulatorMessage, SlackEmulator } from "../../src/local/slack-emulator/index.ts";
import { prepareDigest, resolveDigestQuery } from "../../src/pipeline/digest.ts";
import { DigestSharing, shareKey } from "../../src/pipeline/shared-digest.ts";
import { PlacewiseClient } from "../../src/placewise/client/index.ts";
import { nextRuns } from "../../src/schedule/next.ts";
import { type Database, migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { claimShare, readShare } from "../../src/store/shared-digests.ts";
import { createSubscription } from "../../src/store/subscriptions.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { silentLogger } from "../../src/util/log.ts";
import { createMetrics, type Metrics } from "../../src/util/metrics.ts";
import { clientFor, startSlackFake } from "../fakes/slack.ts";
import { targets } from "../store/databases.ts";
import { runKeyIn } from "./harness.ts";

const TEAM = "T0SHARE";
const CREATOR = "U0ANN";
const BOT = "U0OFFERBOT";
const CHANNELS = ["C0SHARE1", "C0SHARE2", "C0SHARE3", "C0SHARE4", "C0SHARE5", "C0SHARE6"];
const CRON = "0 8 * * *";
const ZONE = "Europe/Oslo";
/** 08:00 in Oslo on 2025-08-27. */
const DUE = Date.parse("2025-08-27T06:00:00Z");
/** Three channels each: the second query is the first in another word order, the same query once resolved. */
const QUERIES = [
  "last 24h interval=1h",
  "interval=1h last 24h",
  "last 24h interval=1h",
  "last 7d interval=1d by=member_gender",
  "last 7d interval=1d by=member_gender",
  "last 7d interval=1d by=member_gender",
];

interface Setup {
  clock: ManualClock;
  simulator: Simulator;
  emulator: SlackEmulator;
  databases: Database[];
  clients: PlacewiseClient[];
  workers: Worker[];
  metrics: Metrics[];
  url: string;
  drop(): Promise<void>;
}

/** One worker as its own process would have it: connection, Placewise client, delivery, sharing. */
async function workerRuntime(
  s: Setup,
  owner: string,
  sharing: { leaseMs?: number; sleep?: (ms: number) => Promise<void> },
) {
  const database = await openDatabase(s.url);
  s.databases.push(database);
  const client = new PlacewiseClient({
    baseUrl: s.simulator.url,
    clientToken: SIM_TOKENS.client,
    customer: `id=${SIM_CLUBS[0]?.id}`,
    clock: s.clock,
    sleep: async () => {},
  });
  s.clients.push(client);
  const web = clientFor(s.emulator);
  const delivery = createDelivery(web, { clock: s.clock, sleep: async () => {} });
  const metrics = createMetrics();
  s.metrics.push(metrics);
  const deps: AppDeps & { catchUpHours: number } = {
    db: database.db,
    clock: s.clock,
    log: silentLogger,
    placewise: client,
    defaultTimezone: ZONE,
    minScheduleMinutes: 5,
    web,
    delivery,
    // Each worker its own, as in its own process.
    charts: chartDrawer(null),
    pipeline: PIPELINE,
    metrics,
    catchUpHours: 6,
    sharing: new DigestSharing({
      db: database.db,
      clock: s.clock,
      owner: `share-${owner}`,
      // Another worker's producer works in real time (HTTP, rendering): a poll only yields to it.
      sleep: sharing.sleep ?? (() => new Promise<void>((r) => setTimeout(r, 5))),
      upload: (chart) => delivery.upload(chart),
      ...(sharing.leaseMs === undefined ? {} : { leaseMs: sharing.leaseMs }),
    }),
  };
  const worker = startWorker(deps, { owner, schedule: false, sleep: async () => {} });
  s.workers.push(worker);
  return { deps, worker };
}

async function subscribe(db: Database, channel: string, query: string, cron = CRON): Promise<void> {
  const createdAt = DUE - 86_400_000;
  await createSubscription(db.db, {
    teamId: TEAM,
    channelId: channel,
    creatorId: CREATOR,
    query,
    scheduleText: "daily 08:00",
    cron,
    timezone: ZONE,
    nextRunAt: nextRuns({ cron, timezone: ZONE }, createdAt, 1)[0] as number,
    now: createdAt,
  });
}

function digestsIn(emulator: SlackEmulator, channel: string): EmulatorMessage[] {
  return emulator.messagesIn(channel).filter((m) => m.thread_ts === undefined && runKeyIn(m) !== undefined);
}

function imageFileId(m: EmulatorMessage): string | undefined {
  const image = (m.blocks ?? []).find((b) => (b as { type?: string }).type === "image") as
    | { slack_file?: { id?: string } }
    | undefined;
  return image?.slack_file?.id;
}

async function renders(m: Metrics): Promise<number> {
  const got = await m.registry.getSingleMetric("offer_digest_render_seconds")?.get();
  const values = (got?.values ?? []) as { metricName?: string; value: number }[];
  return values.find((v) => v.metricName === "offer_digest_render_seconds_count")?.value ?? 0;
}

describe.each(targets)("work sharing in a burst on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    let s: Setup;

    beforeAll(async () => {
      const created = await target.create();
      const clock = new ManualClock(DUE - 60_000);
      s = {
        clock,
        simulator: await startSimulator({ testHooks: true, seed: 1, clock }),
        emulator: await startSlackFake({
          clock,
          teamId: TEAM,
          botUserId: BOT,
          channels: CHANNELS.map((id, i) => ({ id, name: `offers-${i}`, members: [BOT, CREATOR] })),
          users: [{ id: CREATOR, name: "ann" }],
        }),
        databases: [],
        clients: [],
        workers: [],
        metrics: [],
        url: created.url,
        drop: created.drop,
      };
      const first = await openDatabase(created.url);
      s.databases.push(first);
      await migrateToLatest(first.db);
    });

    afterAll(async () => {
      for (const w of s.workers) await w.stop(1_000);
      for (const c of s.clients) await c.close();
      for (const d of s.databases) await d.close();
      await s.simulator.close();
      await s.emulator.close();
      await s.drop();
    });

    it("fetches, draws and uploads each distinct query once for 6 digests over two workers; each channel gets its own once", async () => {
      const a = await workerRuntime(s, "worker-a", {});
      const b = await workerRuntime(s, "worker-b", {});
      for (const [i, channel] of CHANNELS.entries())
        await subscribe(s.databases[0] as Database, channel, QUERIES[i] as string);

      // What one digest costs alone: its requests to Placewise, on a client of its own.
      const lone = new PlacewiseClient({
        baseUrl: s.simulator.url,
        clientToken: SIM_TOKENS.client,
        customer: `id=${SIM_CLUBS[0]?.id}`,
        clock: s.clock,
        sleep: async () => {},
      });
      s.clients.push(lone);
      const before = s.simulator.requests.length;
      await Promise.all(
        [QUERIES[0], QUERIES[3]].map((q) =>
          prepareDigest(q as string, DUE, { client: lone, defaultTimezone: ZONE, charts: chartDrawer(null) }),
        ),
      );
      const requestsAlone = s.simulator.requests.length - before;
      expect(requestsAlone).toBeGreaterThanOrEqual(2);

      s.clock.set(DUE + 5_000);
      const startedAt = s.simulator.requests.length;
      await Promise.all([a.worker.tick(), b.worker.tick()]);
      await Promise.all([a.worker.idle(), b.worker.idle()]);

      // The two distinct queries' requests, once, between both workers.
      expect(s.simulator.requests.length - startedAt).toBe(requestsAlone);
      expect(s.emulator.callsOf("files.getUploadURLExternal")).toHaveLength(2);
      expect(s.emulator.callsOf("files.completeUploadExternal")).toHaveLength(2);
      expect((await renders(s.metrics[0] as Metrics)) + (await renders(s.metrics[1] as Metrics))).toBe(2);

      const files = new Set<string>();
      for (const [i, channel] of CHANNELS.entries()) {
        const got = digestsIn(s.emulator, channel);
        expect(got, channel).toHaveLength(1);
        const m = got[0] as EmulatorMessage;
        const fileId = imageFileId(m);
        expect(fileId, `${channel} shows the chart`).toBeDefined();
        files.add(fileId as string);
        // Identical to what it would be alone: the same text and blocks (its own words behind the CSV
        // button), its own run key. Made after the burst on the lone client, from its cache.
        const lonely = await prepareDigest(QUERIES[i] as string, DUE, {
          client: lone,
          defaultTimezone: ZONE,
          charts: chartDrawer(null),
        });
        const own = lonely.message({ fileId: fileId as string, altText: lonely.chart?.altText ?? "" });
        expect(m.text).toBe(own.text);
        expect(m.blocks).toEqual(own.blocks);
        expect(runKeyIn(m)).toMatch(/^digest:\d+:/);
      }
      expect(files.size).toBe(2);
      // The three digests of one query show the same file.
      expect(
        new Set(CHANNELS.slice(0, 3).map((c) => imageFileId(digestsIn(s.emulator, c)[0] as EmulatorMessage)))
          .size,
      ).toBe(1);
      expect(
        new Set(CHANNELS.map((c) => runKeyIn(digestsIn(s.emulator, c)[0] as EmulatorMessage))).size,
      ).toBe(6);
    });

    it("takes over a key whose producer died once its lease has expired, and delivers once", async () => {
      const leaseMs = 10_000;
      // This worker's polls move the clock, as waiting would.
      const c = await workerRuntime(s, "worker-c", {
        leaseMs,
        sleep: async (ms) => {
          s.clock.advance(ms);
          await new Promise<void>((r) => setImmediate(r));
        },
      });
      const channel = CHANNELS[0] as string;
      const words = "last 24h interval=1h offer_type=birthday";
      // 09:00 the same day: the first test's subscriptions are not due again.
      const due = DUE + 3_600_000;
      s.clock.set(due + 5_000);
      await subscribe(s.databases[0] as Database, channel, words, "0 9 * * *");
      // A producer claimed the key and died: no heartbeat, no result.
      const key = shareKey({
        teamId: TEAM,
        query: resolveDigestQuery(words, due, ZONE),
        lang: "en",
        at: due,
        timezone: ZONE,
        dataLagMinutes: 15,
      });
      const db = (s.databases[0] as Database).db;
      expect(
        await claimShare(db, { teamId: TEAM, key, owner: "share-dead", leaseMs, now: s.clock.now() }),
      ).toBeDefined();
      const uploadsBefore = s.emulator.callsOf("files.completeUploadExternal").length;
      const before = digestsIn(s.emulator, channel).length;
      const startedAt = s.clock.now();

      await c.worker.tick();
      await c.worker.idle();

      const got = digestsIn(s.emulator, channel);
      expect(got).toHaveLength(before + 1);
      expect(imageFileId(got.at(-1) as EmulatorMessage)).toBeDefined();
      expect(s.emulator.callsOf("files.completeUploadExternal")).toHaveLength(uploadsBefore + 1);
      // Not before the dead producer's lease ran out.
      expect(s.clock.now() - startedAt).toBeGreaterThanOrEqual(leaseMs);
      const row = await readShare(db, TEAM, key);
      expect(row).toMatchObject({ state: "done", attempts: 2, lease_owner: "share-worker-c" });
    });

    it("claims every subscription due in the minute in one tick, past the page of 100, and delivers each once", async () => {
      const d = await workerRuntime(s, "worker-d", {});
      const due = DUE + 2 * 3_600_000;
      const words = "last 24h interval=1h offer_type=welcome";
      for (let i = 0; i < 120; i++)
        await subscribe(
          s.databases[0] as Database,
          CHANNELS[i % CHANNELS.length] as string,
          words,
          "0 10 * * *",
        );
      s.clock.set(due + 5_000);
      const uploadsBefore = s.emulator.callsOf("files.completeUploadExternal").length;
      const tick = await d.worker.tick();
      await d.worker.idle();
      expect(tick.claimed).toBe(120);
      const keys = CHANNELS.flatMap((c) => digestsIn(s.emulator, c).map((m) => runKeyIn(m) as string)).filter(
        (k) => k.endsWith(`:${due}`),
      );
      expect(keys).toHaveLength(120);
      expect(new Set(keys).size).toBe(120);
      expect(s.emulator.callsOf("files.completeUploadExternal")).toHaveLength(uploadsBefore + 1);
      // 120 real deliveries on a shared 2-core machine.
    }, 120_000);
  });
});
