/**
 * Workers wired to real parts for the alert tests: a database (a SQLite file, or the PostgreSQL one
 * given), the Placewise simulator over loopback HTTP with injected incidents and no built-in events
 * (so every breach in a test is one the test made), the Slack emulator and the real delivery, all on
 * one ManualClock. Several workers share the database, as several processes would.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorker, type Worker } from "../../../jobs/worker.ts";
import { parseRule } from "../../../src/alerts/rules.ts";
import type { AppDeps } from "../../../src/app/deps.ts";
import { PIPELINE } from "../../../src/app/pipeline.ts";
import { chartDrawer } from "../../../src/charts/renderer.ts";
import { createDelivery } from "../../../src/delivery/index.ts";
import {
  DEFAULT_CLUB_ID,
  type Incident,
  SIM_TOKENS,
  type Simulator,
  startSimulator,
} from "../../../src/local/placewise-simulator/index.ts";
import type { EmulatorMessage, SlackEmulator } from "../../../src/local/slack-emulator/index.ts";
import { PlacewiseClient } from "../../../src/placewise/client/index.ts";
import { type AlertRuleRecord, createAlertRule, getAlertRule } from "../../../src/store/alerts.ts";
import { type Database, migrateToLatest, openDatabase } from "../../../src/store/db.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { silentLogger } from "../../../src/util/log.ts";
import { clientFor, startSlackFake } from "../../fakes/slack.ts";

export const TEAM = "T0ALERTS";
export const CHANNEL = "C0OFFERS";
export const CREATOR = "U0ANN";
export const BOT = "U0OFFERBOT";
export const ZONE = "Europe/Oslo";

export interface AlertHarness {
  readonly clock: ManualClock;
  readonly database: Database;
  readonly emulator: SlackEmulator;
  readonly simulator: Simulator;
  /** One client per worker, as separate processes would have. */
  readonly clients: PlacewiseClient[];
  readonly deps: AppDeps[];
  readonly workers: Worker[];
  /** Saves a rule as `/offers alert WORDS` would (created at the clock's time). */
  alert(words: string): Promise<AlertRuleRecord>;
  reload(rule: AlertRuleRecord): Promise<AlertRuleRecord>;
  /** Sets the clock, ticks every worker at once and waits for what they started. */
  tickAt(iso: string): Promise<void>;
  /** Ticks every `stepMinutes` from `fromIso` through `toIso`. */
  tickThrough(fromIso: string, toIso: string, stepMinutes?: number): Promise<void>;
  /** Top-level alert messages in the channel (what people see as the incidents). */
  alerts(): EmulatorMessage[];
  /** Replies in a message's thread, oldest first. */
  replies(m: EmulatorMessage): EmulatorMessage[];
  /** The message as it is now (after edits). */
  current(m: EmulatorMessage): EmulatorMessage;
  close(): Promise<void>;
}

export function runKeyIn(m: EmulatorMessage): string | undefined {
  const key = m.metadata?.event_payload.run_key;
  return typeof key === "string" ? key : undefined;
}

/** Everything a person sees in a message: its fallback text and every block's text. */
export function shown(m: { text: string; blocks?: unknown[] }): string {
  return `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
}

export interface HarnessOptions {
  readonly incidents?: Incident[];
  /** A database URL to share (PostgreSQL); default a fresh SQLite file. */
  readonly databaseUrl?: string;
  readonly workers?: number;
}

export async function startAlertHarness(start: string, opts: HarnessOptions = {}): Promise<AlertHarness> {
  const clock = new ManualClock(Date.parse(start));
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-alerts-"));
  const url = opts.databaseUrl ?? `file:${join(dir, "db.sqlite")}`;
  const database = await openDatabase(url);
  await migrateToLatest(database.db);
  // Each worker has its own connection (pool), as separate processes would.
  const connections: Database[] = [];
  const simulator = await startSimulator({
    testHooks: true,
    seed: 1,
    clock,
    incidents: opts.incidents ?? [],
    builtInEvents: false,
  });
  const emulator = await startSlackFake({
    clock,
    teamId: TEAM,
    botUserId: BOT,
    channels: [{ id: CHANNEL, name: "offers", members: [BOT, CREATOR] }],
    users: [{ id: CREATOR, name: "ann" }],
  });
  const noWait = async () => {};
  const clients: PlacewiseClient[] = [];
  const deps: AppDeps[] = [];
  const workers: Worker[] = [];
  for (let i = 0; i < (opts.workers ?? 1); i++) {
    const placewise = new PlacewiseClient({
      baseUrl: simulator.url,
      clientToken: SIM_TOKENS.client,
      customer: `id=${DEFAULT_CLUB_ID}`,
      clock,
      sleep: noWait,
    });
    const web = clientFor(emulator);
    const own = i === 0 ? database : await openDatabase(url);
    if (i > 0) connections.push(own);
    const d: AppDeps = {
      db: own.db,
      clock,
      log: silentLogger,
      placewise,
      defaultTimezone: ZONE,
      minScheduleMinutes: 5,
      web,
      delivery: createDelivery(web, { clock, sleep: noWait }),
      charts: chartDrawer(null),
      pipeline: PIPELINE,
    };
    clients.push(placewise);
    deps.push(d);
    workers.push(
      startWorker({ ...d, catchUpHours: 6 }, { owner: `worker-${i}`, schedule: false, sleep: noWait }),
    );
  }
  const tickAt = async (iso: string) => {
    clock.set(iso);
    await Promise.all(workers.map((w) => w.tick()));
    await Promise.all(workers.map((w) => w.idle()));
  };
  const top = () =>
    emulator
      .messagesIn(CHANNEL)
      .filter((m) => m.thread_ts === undefined && (runKeyIn(m) ?? "").startsWith("alert:"));
  return {
    clock,
    database,
    emulator,
    simulator,
    clients,
    deps,
    workers,
    alert: async (words) => {
      const { rule, rest } = parseRule(words);
      return createAlertRule(database.db, {
        teamId: TEAM,
        channelId: CHANNEL,
        creatorId: CREATOR,
        ruleText: rule.text,
        query: rest.join(" "),
        timezone: ZONE,
        now: clock.now(),
      });
    },
    reload: async (rule) => (await getAlertRule(database.db, TEAM, rule.id)) as AlertRuleRecord,
    tickAt,
    tickThrough: async (fromIso, toIso, stepMinutes = 1) => {
      for (let t = Date.parse(fromIso); t <= Date.parse(toIso); t += stepMinutes * 60_000)
        await tickAt(new Date(t).toISOString());
    },
    alerts: top,
    replies: (m) => emulator.messagesIn(CHANNEL).filter((r) => r.thread_ts === m.ts && r.ts !== m.ts),
    current: (m) => emulator.messagesIn(CHANNEL).find((r) => r.ts === m.ts) as EmulatorMessage,
    close: async () => {
      await Promise.all(workers.map((w) => w.stop(1_000)));
      await Promise.all(clients.map((c) => c.close()));
      await simulator.close();
      await emulator.close();
      for (const c of connections) await c.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
