/**
 * The whole bot as Slack sees it: `startRuntime` in HTTP mode (real Bolt app, real port, real
 * SQLite, the built-in Placewise simulator) talking to the Slack emulator, driven by signed requests
 * to POST /slack/events. Time for the bot is a fixed clock so numbers can be checked against the
 * simulator's ground truth; signatures use the wall clock, as Slack's do.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { parseConfig } from "../../../src/config.ts";
import type { EmulatorMessage, SlackEmulator } from "../../../src/local/slack-emulator/index.ts";
import { type Runtime, startRuntime } from "../../../src/runtime.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { silentLogger } from "../../../src/util/log.ts";
import type { WebServerTimeouts } from "../../../src/web.ts";
import {
  appHomeOpenedBody,
  type Button,
  FORM,
  homeActionBody,
  messageActionBody,
  SIGNING_SECRET,
  signedHeaders,
  slashCommandBody,
  type Who,
} from "./requests.ts";
import { waitFor } from "./wait.ts";
import { BOT, CHANNELS, startWorkspace, TEAM, USERS } from "./workspace.ts";

/** A Wednesday morning in Oslo, away from DST changes: 2025-08-27 10:07 local. */
export const NOW = Date.parse("2025-08-27T08:07:00Z");

export interface HarnessOptions {
  minScheduleMinutes?: number;
  /** Public channels with the bot besides #offers (benchmark). */
  extraChannels?: number;
  /** Wall clock instead of the fixed one (benchmark: pacing and latency are about real time). */
  realTime?: boolean;
  databaseUrl?: string;
  /** Small HTTP timeouts, to see a slow client cut without waiting for the real ones. */
  webTimeouts?: WebServerTimeouts;
  /** More configuration, as the environment would give it (e.g. REPORT_CONCURRENCY). */
  env?: Record<string, string>;
}

export interface Ack {
  status: number;
  /** Raw body of Bolt's answer (empty for a plain ack). */
  body: string;
  /** The ephemeral reply carried in the ack, when there is one. */
  json: { text?: string; blocks?: unknown[]; response_type?: string } | null;
  ms: number;
}

export interface Sent {
  ack: Ack;
  who: Who;
  /** Messages in the channel when the command was sent; later ones are its answers. */
  since: number;
}

export interface AppHarness {
  readonly url: string;
  readonly emulator: SlackEmulator;
  readonly runtime: Runtime;
  readonly clock: ManualClock | null;
  /** Raw POST to /slack/events. */
  post(body: string, headers: Record<string, string>): Promise<Ack>;
  command(text: string, who?: Partial<Who>): Promise<Sent>;
  /** The first answer only the caller sees: the ack's own text or an ephemeral response_url message. */
  reply(sent: Sent, opts?: { skipWorking?: boolean; timeoutMs?: number }): Promise<string>;
  /** The first ephemeral message to the caller after the command (response_url), with blocks. */
  ephemeral(sent: Sent, timeoutMs?: number): Promise<EmulatorMessage>;
  /** The first message everyone in the channel sees after the command. */
  posted(sent: Sent, timeoutMs?: number): Promise<EmulatorMessage>;
  press(message: EmulatorMessage, button: Button, who?: Partial<Who>): Promise<Ack>;
  pressHome(userId: string, button: Button): Promise<Ack>;
  homeOpened(userId: string, teamId?: string): Promise<Ack>;
  rows(): Promise<{ items: number; subscriptions: number; alerts: number }>;
  close(): Promise<void>;
}

export function who(partial: Partial<Who> = {}): Who {
  return {
    teamId: partial.teamId ?? TEAM,
    channelId: partial.channelId ?? CHANNELS.offers.id,
    userId: partial.userId ?? USERS.creator.id,
    ...(partial.userName === undefined ? {} : { userName: partial.userName }),
  };
}

function textOf(m: EmulatorMessage): string {
  return m.text;
}

export async function startApp(opts: HarnessOptions = {}): Promise<AppHarness> {
  const clock = opts.realTime ? null : new ManualClock(NOW);
  const wall = { now: () => Date.now() };
  const emulator = await startWorkspace(clock ?? wall, opts.extraChannels ?? 0);
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-e2e-"));
  const config = parseConfig({
    SLACK_BOT_TOKEN: emulator.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: opts.databaseUrl ?? `file:${join(dir, "x.sqlite")}`,
    PORT: "0",
    MIN_SCHEDULE_MINUTES: String(opts.minScheduleMinutes ?? 1),
    // This harness runs web alone, with no worker to hand reports to (test/jobs/handoff.test.ts does).
    REPORT_HANDOFF: "off",
    ...opts.env,
  });
  const runtime = await startRuntime(config, {
    testHooks: true,
    role: "web",
    host: "127.0.0.1",
    log: silentLogger,
    // A fixed clock never moves, so waiting out Slack's pace in real time would only slow the tests.
    ...(clock === null ? {} : { clock, sleep: async () => {} }),
    ...(opts.webTimeouts === undefined ? {} : { webTimeouts: opts.webTimeouts }),
  });
  const url = `http://127.0.0.1:${runtime.web?.port}/slack/events`;

  const post = async (body: string, headers: Record<string, string>): Promise<Ack> => {
    const started = performance.now();
    const res = await fetch(url, { method: "POST", headers, body });
    const text = await res.text();
    const ms = performance.now() - started;
    let json: Ack["json"] = null;
    if (text.startsWith("{")) json = JSON.parse(text) as Ack["json"];
    return { status: res.status, body: text, json, ms };
  };

  const newer = (sent: Sent, pick: (m: EmulatorMessage) => boolean) =>
    emulator.messagesIn(sent.who.channelId, { ephemeral: true }).slice(sent.since).find(pick);

  const ephemeral = (sent: Sent, timeoutMs = 5_000) =>
    waitFor(
      emulator,
      () => newer(sent, (m) => m.ephemeral && m.ephemeralUser === sent.who.userId),
      `an ephemeral answer to ${sent.who.userId} in ${sent.who.channelId}`,
      timeoutMs,
    );

  return {
    url,
    emulator,
    runtime,
    clock,
    post,
    command: async (text, partial = {}) => {
      const w = who(partial);
      const since = emulator.messagesIn(w.channelId, { ephemeral: true }).length;
      const body = slashCommandBody(w, text, emulator.responseUrl(w.channelId, w.userId));
      const ack = await post(body, signedHeaders(body, FORM));
      return { ack, who: w, since };
    },
    reply: async (sent, o = {}) => {
      const inAck = sent.ack.json?.text;
      const working = inAck?.includes("Working on it") ?? false;
      if (inAck !== undefined && !(working && o.skipWorking)) return inAck;
      return textOf(await ephemeral(sent, o.timeoutMs));
    },
    ephemeral,
    posted: (sent, timeoutMs = 8_000) =>
      waitFor(
        emulator,
        () => newer(sent, (m) => !m.ephemeral && m.thread_ts === undefined),
        `a message in ${sent.who.channelId}`,
        timeoutMs,
      ),
    press: async (message, button, partial = {}) => {
      const w = who({ channelId: message.channel, ...partial });
      const responseUrl = emulator.responseUrl(w.channelId, w.userId, message.ts);
      const body = messageActionBody(w, message, button, responseUrl);
      return post(body, signedHeaders(body, FORM));
    },
    pressHome: async (userId, button) => {
      const view = emulator.views.get(userId);
      if (view === undefined) throw new Error(`no Home view published for ${userId}`);
      const body = homeActionBody(who({ userId, channelId: "" }), view, button);
      return post(body, signedHeaders(body, FORM));
    },
    homeOpened: (userId, teamId = TEAM) => {
      const body = appHomeOpenedBody(teamId, userId, BOT);
      return post(body, signedHeaders(body, "application/json"));
    },
    rows: async () => {
      const count = async (table: "items" | "subscriptions" | "alert_rules") => {
        const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
          runtime.deps.db,
        );
        return Number(r.rows[0]?.n ?? 0);
      };
      return {
        items: await count("items"),
        subscriptions: await count("subscriptions"),
        alerts: await count("alert_rules"),
      };
    },
    close: async () => {
      await runtime.stop();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
