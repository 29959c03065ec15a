/**
 * One worker wired to real parts for in-process tests: a SQLite file, the Placewise simulator over
 * loopback HTTP, the Slack emulator, the real delivery module, all on one ManualClock. Waits that
 * would pass real time (client backoff, channel pacing, in-run retries) are recorded, not slept.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorker, type Worker, type WorkerOptions } from "../../jobs/worker.ts";
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
import { PlacewiseClient } from "../../src/placewise/client/index.ts";
import { nextRuns } from "../../src/schedule/next.ts";
import { type Database, migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { type DeliveryRun, listRuns } from "../../src/store/runs.ts";
import { createSubscription, getSubscription, type Subscription } from "../../src/store/subscriptions.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { silentLogger } from "../../src/util/log.ts";
import { clientFor, startSlackFake } from "../fakes/slack.ts";

export const TEAM = "T0JOBS";
export const CHANNEL = "C0OFFERS";
export const CREATOR = "U0ANN";
export const BOT = "U0OFFERBOT";

export interface Harness {
  readonly clock: ManualClock;
  readonly database: Database;
  readonly emulator: SlackEmulator;
  readonly simulator: Simulator;
  readonly deps: AppDeps & { catchUpHours: number };
  readonly worker: Worker;
  /** Every in-run retry wait the worker asked for, in ms. */
  readonly waits: number[];
  subscribe(s: {
    cron: string;
    timezone?: string;
    query?: string;
    createdAt: string;
    /** `when=` as stored (`nonzero`, `changed:10`) and `csv=yes` (src/report/conditions.ts). */
    deliverWhen?: string;
    attachCsv?: boolean;
  }): Promise<Subscription>;
  /** Sets the clock, runs one tick and waits for the runs it started. */
  tickAt(iso: string): Promise<void>;
  /** Ticks every `stepMinutes` from `fromIso` through `toIso`, as a running worker would. */
  tickThrough(fromIso: string, toIso: string, stepMinutes?: number): Promise<void>;
  /** Digest messages in the channel (thread replies and notices left out). */
  digests(channel?: string): EmulatorMessage[];
  /** Direct messages to the subscription's creator. */
  dms(): EmulatorMessage[];
  /** A second worker on the same database and Slack, with its own Placewise client (as another process has). */
  anotherWorker(owner: string): Worker;
  runs(sub: Subscription): Promise<DeliveryRun[]>;
  reload(sub: Subscription): Promise<Subscription>;
  close(): Promise<void>;
}

export function runKeyIn(m: EmulatorMessage): string | undefined {
  const key = m.metadata?.event_payload.run_key;
  return typeof key === "string" ? key : undefined;
}

export async function startHarness(
  start: string,
  opts: { catchUpHours?: number; worker?: WorkerOptions; slackToken?: string } = {},
): Promise<Harness> {
  const clock = new ManualClock(Date.parse(start));
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-jobs-"));
  const database = await openDatabase(`file:${join(dir, "db.sqlite")}`);
  await migrateToLatest(database.db);
  const simulator = await startSimulator({ testHooks: true, seed: 1, clock });
  const noWait = async () => {};
  const clients: PlacewiseClient[] = [];
  const newClient = () => {
    const client = new PlacewiseClient({
      baseUrl: simulator.url,
      clientToken: SIM_TOKENS.client,
      customer: `id=${SIM_CLUBS[0]?.id}`,
      clock,
      sleep: noWait,
    });
    clients.push(client);
    return client;
  };
  const placewise = newClient();
  const others: Worker[] = [];
  const emulator = await startSlackFake({
    clock,
    teamId: TEAM,
    botUserId: BOT,
    channels: [{ id: CHANNEL, name: "offers", members: [BOT, CREATOR] }],
    users: [{ id: CREATOR, name: "ann" }],
  });
  const web = clientFor(emulator, opts.slackToken);
  const waits: number[] = [];
  const deps = {
    db: database.db,
    clock,
    log: silentLogger,
    placewise,
    defaultTimezone: "Europe/Oslo",
    minScheduleMinutes: 5,
    web,
    delivery: createDelivery(web, { clock, sleep: noWait }),
    charts: chartDrawer(null),
    pipeline: PIPELINE,
    catchUpHours: opts.catchUpHours ?? 6,
  };
  const worker = startWorker(deps, {
    owner: "worker-test",
    schedule: false,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...opts.worker,
  });
  const tickAt = async (iso: string) => {
    clock.set(iso);
    await worker.tick();
    await worker.idle();
  };
  return {
    clock,
    database,
    emulator,
    simulator,
    deps,
    worker,
    waits,
    subscribe: (s) => {
      const createdAt = Date.parse(s.createdAt);
      const timing = { cron: s.cron, timezone: s.timezone ?? "Europe/Oslo" };
      return createSubscription(database.db, {
        teamId: TEAM,
        channelId: CHANNEL,
        creatorId: CREATOR,
        query: s.query ?? "last 24h interval=1h",
        scheduleText: `cron "${s.cron}"`,
        ...timing,
        nextRunAt: nextRuns(timing, createdAt, 1)[0] as number,
        now: createdAt,
        ...(s.deliverWhen === undefined ? {} : { deliverWhen: s.deliverWhen }),
        ...(s.attachCsv === undefined ? {} : { attachCsv: s.attachCsv }),
      });
    },
    tickAt,
    tickThrough: async (fromIso, toIso, stepMinutes = 1) => {
      for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMinutes * 60_000)
        await tickAt(new Date(t).toISOString());
    },
    digests: (channel = CHANNEL) =>
      emulator.messagesIn(channel).filter((m) => m.thread_ts === undefined && runKeyIn(m) !== undefined),
    dms: () =>
      [...emulator.channels.values()]
        .filter((c) => c.isIm === true && c.members.includes(CREATOR))
        .flatMap((c) => emulator.messagesIn(c.id)),
    anotherWorker: (owner) => {
      const w = startWorker({ ...deps, placewise: newClient() }, { owner, schedule: false, sleep: noWait });
      others.push(w);
      return w;
    },
    runs: (sub) => listRuns(database.db, TEAM, sub.id, 1000),
    reload: async (sub) => (await getSubscription(database.db, TEAM, sub.id)) as Subscription,
    close: async () => {
      for (const w of [worker, ...others]) await w.stop(1_000);
      for (const c of clients) await c.close();
      await simulator.close();
      await emulator.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
