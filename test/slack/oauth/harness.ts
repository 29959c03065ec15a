/**
 * The bot in OAuth mode, as many workspaces see it: `startRuntime` with SLACK_CLIENT_ID/SECRET/
 * STATE_SECRET and ENCRYPTION_KEY (real Bolt installer, real port, real SQLite or PostgreSQL, the
 * built-in Placewise simulator), and the Slack emulator holding several workspaces, its Allow page
 * and `oauth.v2.access`. Installs are walked over HTTP like a browser (cookie included); commands,
 * modal submissions and events are signed requests to POST /slack/events.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../../src/config.ts";
import { type Simulator, startSimulator } from "../../../src/local/placewise-simulator/index.ts";
import {
  type EmulatorMessage,
  type EmulatorWorkspace,
  type SlackEmulator,
  startSlackEmulator,
} from "../../../src/local/slack-emulator/index.ts";
import { type Runtime, startRuntime } from "../../../src/runtime.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { silentLogger } from "../../../src/util/log.ts";
import {
  APP_ID,
  FORM,
  SIGNING_SECRET,
  signedHeaders,
  slashCommandBody,
  triggerId,
} from "../support/requests.ts";

export const NOW = Date.parse("2025-08-27T08:07:00Z");
export const CLIENT_ID = "1111.2222";
export const CLIENT_SECRET = "client-secret-for-tests";
export const STATE_SECRET = "state-secret-for-tests-0123456789";
export const KEY = randomBytes(32).toString("base64");

/** Two clubs' workspaces: the same channel and user names, different teams. */
export const TEAMS = {
  a: { teamId: "T0MALLA", name: "Mall A", channel: "C0OFFERSA", admin: "U0ADMINA", member: "U0MEMBERA" },
  b: { teamId: "T0MALLB", name: "Mall B", channel: "C0OFFERSB", admin: "U0ADMINB", member: "U0MEMBERB" },
} as const;
export type TeamName = keyof typeof TEAMS;

export interface Ack {
  status: number;
  body: string;
  json: Record<string, unknown> | null;
}

export interface OAuthHarness {
  readonly appUrl: string;
  readonly emulator: SlackEmulator;
  readonly runtime: Runtime;
  readonly clock: ManualClock;
  readonly databaseFile: string | null;
  ws(team: TeamName): EmulatorWorkspace;
  /** Walks Add to Slack → Allow → redirect like a browser; returns the final page and what it went through. */
  install(team: TeamName): Promise<InstallWalk>;
  command(team: TeamName, text: string, user?: "admin" | "member"): Promise<{ ack: Ack; since: number }>;
  /** Submits the connect modal as Slack would (view_submission); when it is accepted, waits for the confirmation. */
  connect(team: TeamName, customer: string, token: string, kind?: "client" | "user"): Promise<Ack>;
  event(team: TeamName, event: Record<string, unknown>): Promise<Ack>;
  /** The first message in the team's channel after `since` that everyone sees. */
  posted(team: TeamName, since: number, timeoutMs?: number): Promise<EmulatorMessage>;
  ephemeral(team: TeamName, since: number, timeoutMs?: number): Promise<EmulatorMessage>;
  close(): Promise<void>;
}

export interface InstallWalk {
  /** The page /slack/oauth_redirect answered with. */
  status: number;
  page: string;
  /** What a tampering test replays: the redirect URL and the browser's state cookie. */
  redirectUrl: string;
  cookie: string;
}

export function stateCookieOf(setCookie: string | null): string {
  const m = /slack-app-oauth-state=([^;]+)/.exec(setCookie ?? "");
  if (m === null) throw new Error(`no state cookie in ${setCookie}`);
  return `slack-app-oauth-state=${m[1]}`;
}

export async function startOAuthApp(
  opts: { databaseUrl?: string; env?: Record<string, string>; role?: "all" | "web" } = {},
): Promise<OAuthHarness> {
  const clock = new ManualClock(NOW);
  const emulator = await startSlackEmulator({
    testHooks: true,
    clock,
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  for (const t of Object.values(TEAMS)) {
    const bot = `U0BOT${t.teamId.slice(2)}`;
    emulator.addWorkspace({
      teamId: t.teamId,
      name: t.name,
      botUserId: bot,
      channels: [{ id: t.channel, name: "offers", members: [bot, t.admin, t.member] }],
      users: [
        { id: t.admin, name: "admin", isAdmin: true },
        { id: t.member, name: "member" },
      ],
    });
  }
  // The Placewise every workspace connects to (PLACEWISE_API_URL), with its several clubs.
  const simulator: Simulator = await startSimulator({ seed: 1, clock, latencyMs: 0 });
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-oauth-"));
  const databaseFile = opts.databaseUrl === undefined ? join(dir, "x.sqlite") : null;
  const config = parseConfig({
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ENCRYPTION_KEY: KEY,
    SLACK_API_URL: emulator.apiUrl,
    SLACK_AUTHORIZE_URL: emulator.authorizeUrl,
    PLACEWISE_API_URL: simulator.url,
    DATABASE_URL: opts.databaseUrl ?? `file:${databaseFile}`,
    PORT: "0",
    MIN_SCHEDULE_MINUTES: "1",
    RENDER_THREADS: "0",
    ...opts.env,
  });
  const runtime = await startRuntime(config, {
    testHooks: true,
    role: opts.role ?? "all",
    host: "127.0.0.1",
    log: silentLogger,
    clock,
    sleep: async () => {},
  }).catch(async (e: unknown) => {
    // A refused start-up (a test of it) leaves nothing listening.
    await emulator.close();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const appUrl = `http://127.0.0.1:${runtime.web?.port}`;
  emulator.setOAuthRedirect(`${appUrl}/slack/oauth_redirect`);
  const ws = (team: TeamName) => emulator.workspace(TEAMS[team].teamId);

  const post = async (body: string, contentType: string): Promise<Ack> => {
    const res = await fetch(`${appUrl}/slack/events`, {
      method: "POST",
      headers: signedHeaders(body, contentType),
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text, json: text.startsWith("{") ? JSON.parse(text) : null };
  };

  const waitIn = (team: TeamName, pick: () => EmulatorMessage | undefined, what: string, timeoutMs: number) =>
    new Promise<EmulatorMessage>((resolve, reject) => {
      const first = pick();
      if (first !== undefined) return resolve(first);
      const w = ws(team);
      const offs = (["message", "update", "call"] as const).map((e) =>
        w.on(e, () =>
          queueMicrotask(() => {
            const m = pick();
            if (m === undefined) return;
            clearTimeout(timer);
            for (const off of offs) off();
            resolve(m);
          }),
        ),
      );
      const timer = setTimeout(() => {
        for (const off of offs) off();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in ${team}`));
      }, timeoutMs);
    });

  return {
    appUrl,
    emulator,
    runtime,
    clock,
    databaseFile,
    ws,
    install: async (team) => {
      const start = await fetch(`${appUrl}/slack/install`);
      const cookie = stateCookieOf(start.headers.get("set-cookie"));
      const page = await start.text();
      const href = /id="add-to-slack" href="([^"]+)"/.exec(page)?.[1]?.replaceAll("&#38;", "&");
      if (href === undefined) throw new Error(`no Add to Slack link on ${page}`);
      const allow = new URL(href);
      const form = new URLSearchParams({
        client_id: allow.searchParams.get("client_id") ?? "",
        scope: allow.searchParams.get("scope") ?? "",
        state: allow.searchParams.get("state") ?? "",
        redirect_uri: allow.searchParams.get("redirect_uri") ?? "",
        team: TEAMS[team].teamId,
      });
      const approved = await fetch(`${allow.origin}${allow.pathname}`, {
        method: "POST",
        headers: { "content-type": FORM },
        body: form.toString(),
        redirect: "manual",
      });
      // Bolt leaves redirect_uri out of the Allow URL; Slack then uses the app's configured one.
      const redirectUrl = approved.headers.get("location") ?? "";
      const done = await fetch(redirectUrl, { headers: { cookie } });
      return { status: done.status, page: await done.text(), redirectUrl, cookie };
    },
    command: async (team, text, user = "admin") => {
      const t = TEAMS[team];
      const userId = user === "admin" ? t.admin : t.member;
      const since = ws(team).messagesIn(t.channel, { ephemeral: true }).length;
      const body = slashCommandBody(
        { teamId: t.teamId, channelId: t.channel, userId },
        text,
        ws(team).responseUrl(t.channel, userId),
      );
      return { ack: await post(body, FORM), since };
    },
    connect: async (team, customer, token, kind = "client") => {
      const t = TEAMS[team];
      const since = ws(team).messagesIn(t.channel, { ephemeral: true }).length;
      const payload = {
        type: "view_submission",
        team: { id: t.teamId, domain: "mall" },
        user: { id: t.admin, username: "admin", name: "admin", team_id: t.teamId },
        api_app_id: APP_ID,
        token: "deprecated-verification-token",
        trigger_id: triggerId(),
        is_enterprise_install: false,
        enterprise: null,
        view: {
          id: "V0CONNECT",
          team_id: t.teamId,
          type: "modal",
          callback_id: "placewise_connect",
          private_metadata: t.channel,
          state: {
            values: {
              customer: { customer_value: { type: "plain_text_input", value: customer } },
              token_kind: {
                token_kind_value: {
                  type: "static_select",
                  selected_option: { value: kind, text: { type: "plain_text", text: kind } },
                },
              },
              token: { token_value: { type: "plain_text_input", value: token } },
            },
          },
        },
      };
      const ack = await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
      if (ack.status === 200 && ack.json === null) {
        await waitIn(
          team,
          () =>
            ws(team)
              .messagesIn(t.channel, { ephemeral: true })
              .slice(since)
              .find((m) => m.text.includes("Placewise connected")),
          "the connection's confirmation",
          10_000,
        );
      }
      return ack;
    },
    event: (team, event) => {
      const t = TEAMS[team];
      const body = JSON.stringify({
        token: "deprecated-verification-token",
        team_id: t.teamId,
        api_app_id: APP_ID,
        type: "event_callback",
        event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          {
            team_id: t.teamId,
            user_id: `U0BOT${t.teamId.slice(2)}`,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        event: { event_ts: (Date.now() / 1000).toFixed(6), ...event },
      });
      return post(body, "application/json");
    },
    posted: (team, since, timeoutMs = 15_000) =>
      waitIn(
        team,
        () =>
          ws(team)
            .messagesIn(TEAMS[team].channel, { ephemeral: true })
            .slice(since)
            .find((m) => !m.ephemeral && m.thread_ts === undefined),
        "a channel message",
        timeoutMs,
      ),
    ephemeral: (team, since, timeoutMs = 10_000) =>
      waitIn(
        team,
        () =>
          ws(team)
            .messagesIn(TEAMS[team].channel, { ephemeral: true })
            .slice(since)
            .find((m) => m.ephemeral),
        "an ephemeral message",
        timeoutMs,
      ),
    close: async () => {
      await runtime.stop();
      await emulator.close();
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
