/**
 * OAuth mode (many workspaces): each team's own Slack token, Placewise access, club zone and share
 * of both rate limits. `scope(teamId)` turns the deployment's AppDeps into that team's AppDeps, so
 * listeners and jobs stay as they are: they are handed deps that can only reach one team's Slack and
 * one team's Placewise customer. Clients are cached per process and rebuilt when the stored row
 * changes (a reinstall, a new token, a rotated key), so a change made by another process is seen at
 * the next scope.
 */
import type { WebClient } from "@slack/web-api";
import { demoDelivery } from "../delivery/demo-label.ts";
import type { Delivery } from "../delivery/index.ts";
import { createDelivery } from "../delivery/index.ts";
import { type RateGate, teamGate } from "../delivery/rate-gate.ts";
import { createWebClient } from "../delivery/web-client.ts";
import { previewAlert } from "../pipeline/alert-preview.ts";
import { type Credentials, checkAccess } from "../placewise/check-access.ts";
import { PlacewiseClient } from "../placewise/client/index.ts";
import type { Db } from "../store/db.ts";
import {
  forgetInstallation,
  installationsUninstalledBefore,
  installKeyForTeam,
  type Keyring,
  loadInstallation,
  markUninstalled,
  teamsOfInstallation,
} from "../store/installations.ts";
import {
  connectionVersion,
  deleteConnection,
  loadConnection,
  saveConnection,
} from "../store/placewise-connections.ts";
import {
  DISCONNECTED_REASON,
  KEEP_AFTER_UNINSTALL_MS,
  pauseTeamItems,
  purgeTeam,
  repauseTeamItems,
  resumeTeamItems,
  UNINSTALLED_REASON,
} from "../store/team-lifecycle.ts";
import type { Clock } from "../util/clock.ts";
import { CodedError } from "../util/errors.ts";
import type { AppDeps } from "./deps.ts";

export type TeamScope =
  /** No live installation: Slack has no token for this team (never installed, or removed). */
  | { readonly installed: false }
  | {
      readonly installed: true;
      readonly deps: AppDeps;
      readonly connected: boolean;
      /** Connected to demo data: the built-in simulator, every message labelled. */
      readonly demo: boolean;
    };

export interface TeamAccess {
  readonly keyring: Keyring;
  scope(teamId: string): Promise<TeamScope>;
  /** The Slack part of a team, for what needs no Placewise (events, Home, connect). */
  slack(teamId: string): Promise<{ web: WebClient; delivery: Delivery } | null>;
  /** The connection shown on the Home tab. */
  connection(teamId: string): Promise<{ connected: boolean; customer: string | null }>;
  /**
   * `/offers connect`: checks the credentials with one small query, then stores them sealed and
   * resumes what waited for them. Nothing is saved when the check fails.
   */
  connect(
    teamId: string,
    userId: string,
    c: Credentials,
  ): Promise<{ ok: true; timezone: string | null; resumed: number } | { ok: false; problem: string }>;
  /**
   * `/offers connect demo`: the built-in simulator's first club as demo data, every message labelled;
   * false when this deployment has no built-in simulator (its own PLACEWISE_* token is set).
   */
  connectDemo(teamId: string, userId: string): Promise<{ timezone: string | null; resumed: number } | null>;
  /** `/offers disconnect`: the token is deleted, the team's digests and alerts wait for a new one. */
  disconnect(teamId: string): Promise<{ removed: boolean; paused: number }>;
  /** A (re)install: items paused by an uninstall now wait for /offers connect (the token went with it). */
  installed(teamIds: readonly string[]): Promise<void>;
  /**
   * app_uninstalled / tokens_revoked: the Slack and Placewise tokens are deleted at once and every
   * digest and alert is paused (purged after 30 days). Returns the teams it affected.
   */
  uninstall(installKey: string): Promise<string[]>;
  /** Everything of teams uninstalled 30 days ago and not reinstalled is deleted; returns them. */
  purgeExpired(): Promise<string[]>;
  /** Clients of a team that was uninstalled or disconnected are closed at once. */
  forget(teamId: string): Promise<void>;
  close(): Promise<void>;
}

export class TeamNotInstalledError extends CodedError<"team_not_installed"> {
  override readonly name = "TeamNotInstalledError";
  constructor(teamId: string) {
    super(
      "team_not_installed",
      `offer-digest is not installed in workspace ${teamId} (or was removed from it).`,
    );
  }
}

export interface TeamAccessOptions {
  readonly db: Db;
  readonly clock: Clock;
  readonly keyring: Keyring;
  readonly slackApiUrl: string;
  /** PLACEWISE_API_URL (or the built-in simulator's URL). */
  readonly placewiseUrl: string;
  readonly defaultTimezone: string;
  /** The deployment's gate; each team's keys are prefixed (teamGate). */
  readonly gate: RateGate;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onSlackCall?: (method: string, status: number) => void;
  readonly onPlacewiseResponse?: (status: number, tokens: number) => void;
  /** The built-in simulator, offered as demo data; null when the deployment has its own Placewise token. */
  readonly demo?: { readonly url: string; readonly credentials: Credentials } | null;
}

interface SlackEntry {
  readonly version: string;
  readonly web: WebClient;
  readonly delivery: Delivery;
}

interface PlacewiseEntry {
  /** The stored row's fingerprint ("none": no row); the entry is rebuilt when it changes. */
  readonly version: string;
  readonly connected: boolean;
  readonly client: PlacewiseClient;
  readonly timezone: string | null;
  readonly demo: boolean;
}

export function createTeamAccess(base: Omit<AppDeps, "teams">, opts: TeamAccessOptions): TeamAccess {
  const slackCache = new Map<string, SlackEntry>();
  const placewiseCache = new Map<string, PlacewiseEntry>();

  const slackOf = async (teamId: string): Promise<SlackEntry | null> => {
    const key = await installKeyForTeam(opts.db, teamId);
    const json = key === null ? null : await loadInstallation(opts.db, opts.keyring, key);
    if (json === null) {
      slackCache.delete(teamId);
      return null;
    }
    const token = (JSON.parse(json) as { bot?: { token?: string } }).bot?.token;
    if (token === undefined) return null;
    const cached = slackCache.get(teamId);
    if (cached?.version === token) return cached;
    const web = createWebClient({
      token,
      slackApiUrl: opts.slackApiUrl,
      ...(opts.onSlackCall ? { onCall: opts.onSlackCall } : {}),
    });
    const delivery = createDelivery(web, {
      clock: opts.clock,
      ...(opts.sleep === undefined ? {} : { sleep: opts.sleep }),
      gate: teamGate(opts.gate, teamId),
    });
    const entry = { version: token, web, delivery };
    slackCache.set(teamId, entry);
    return entry;
  };

  const placewiseOf = async (teamId: string): Promise<PlacewiseEntry> => {
    const version = (await connectionVersion(opts.db, teamId)) ?? "none";
    const cached = placewiseCache.get(teamId);
    if (cached?.version === version) return cached;
    // A new token or customer: the old client goes (a query still running on it fails and is retried
    // by its caller's own rules, as after any Placewise error).
    await cached?.client.close();
    const stored = version === "none" ? null : await loadConnection(opts.db, opts.keyring, teamId);
    // Demo data needs the built-in simulator; a deployment without it treats the team as not connected.
    const demo = stored?.tokenKind === "demo" && opts.demo != null;
    const c =
      stored?.tokenKind === "demo" ? (demo ? { ...stored, ...opts.demo?.credentials } : null) : stored;
    // Never the deployment's own PLACEWISE_* token: a team that has not connected sends none, and
    // the API refuses (its digests are paused until /offers connect; see store/team-lifecycle.ts).
    const client = new PlacewiseClient({
      baseUrl: demo ? (opts.demo?.url as string) : opts.placewiseUrl,
      userToken: c?.tokenKind === "user" ? c.token : null,
      clientToken: c?.tokenKind === "client" ? c.token : null,
      customer: c?.customer ?? null,
      clock: opts.clock,
      ...(opts.onPlacewiseResponse ? { onResponse: opts.onPlacewiseResponse } : {}),
    });
    const entry = { version, connected: c !== null, client, timezone: c?.timezone ?? null, demo };
    placewiseCache.set(teamId, entry);
    return entry;
  };

  const forget = async (teamId: string): Promise<void> => {
    slackCache.delete(teamId);
    const p = placewiseCache.get(teamId);
    placewiseCache.delete(teamId);
    await p?.client.close();
  };

  const access: TeamAccess = {
    keyring: opts.keyring,
    connection: async (teamId) => {
      const c = await loadConnection(opts.db, opts.keyring, teamId);
      return {
        connected: c !== null,
        customer: c?.tokenKind === "demo" ? "demo data" : (c?.customer ?? null),
      };
    },
    connect: async (teamId, userId, c) => {
      // 2.5 s: the modal must be answered within Slack's 3 s, with the errors shown in it.
      const checked = await checkAccess(opts.placewiseUrl, c, opts.clock.now(), 2_500);
      if (!checked.ok) return checked;
      const now = opts.clock.now();
      await saveConnection(opts.db, opts.keyring, {
        teamId,
        ...c,
        timezone: checked.timezone,
        connectedBy: userId,
        connectedAt: now,
      });
      const resumed = await resumeTeamItems(opts.db, teamId, DISCONNECTED_REASON, now);
      return { ok: true, timezone: checked.timezone, resumed };
    },
    connectDemo: async (teamId, userId) => {
      const demo = opts.demo;
      if (demo == null) return null;
      const checked = await checkAccess(demo.url, demo.credentials, opts.clock.now(), 2_500);
      const now = opts.clock.now();
      await saveConnection(opts.db, opts.keyring, {
        teamId,
        customer: demo.credentials.customer,
        tokenKind: "demo",
        // The simulator's public token; stored sealed like any other, replaced at the next connect.
        token: demo.credentials.token,
        timezone: checked.ok ? checked.timezone : null,
        connectedBy: userId,
        connectedAt: now,
      });
      const resumed = await resumeTeamItems(opts.db, teamId, DISCONNECTED_REASON, now);
      return { timezone: checked.ok ? checked.timezone : null, resumed };
    },
    disconnect: async (teamId) => {
      const removed = await deleteConnection(opts.db, teamId);
      const paused = removed
        ? await pauseTeamItems(opts.db, teamId, DISCONNECTED_REASON, opts.clock.now())
        : 0;
      await forget(teamId);
      return { removed, paused };
    },
    installed: async (teamIds) => {
      for (const t of teamIds) {
        await repauseTeamItems(opts.db, t, UNINSTALLED_REASON, DISCONNECTED_REASON, opts.clock.now());
        await forget(t);
      }
    },
    uninstall: async (key) => {
      const now = opts.clock.now();
      const teams = await teamsOfInstallation(opts.db, key);
      // Tokens first: from this write on, no process can build a client for these teams.
      await markUninstalled(opts.db, key, now);
      for (const t of teams) {
        await deleteConnection(opts.db, t);
        await pauseTeamItems(opts.db, t, UNINSTALLED_REASON, now);
        await forget(t);
      }
      return teams;
    },
    purgeExpired: async () => {
      const before = opts.clock.now() - KEEP_AFTER_UNINSTALL_MS;
      const purged: string[] = [];
      for (const key of await installationsUninstalledBefore(opts.db, before)) {
        const teams = await teamsOfInstallation(opts.db, key);
        for (const t of teams) {
          // A workspace linked to an org install may have its own live installation meanwhile.
          if ((await installKeyForTeam(opts.db, t)) !== key && key.startsWith("E:")) continue;
          await purgeTeam(opts.db, t);
          purged.push(t);
        }
        await forgetInstallation(opts.db, key);
      }
      return purged;
    },
    slack: async (teamId) => {
      const s = await slackOf(teamId);
      return s === null ? null : { web: s.web, delivery: s.delivery };
    },
    scope: async (teamId) => {
      const s = await slackOf(teamId);
      if (s === null) return { installed: false };
      const p = await placewiseOf(teamId);
      const deps: AppDeps = {
        ...base,
        teams: access,
        log: base.log.child({ team: teamId }),
        web: s.web,
        delivery: p.demo ? demoDelivery(s.delivery) : s.delivery,
        placewise: p.client,
        defaultTimezone: p.timezone ?? opts.defaultTimezone,
        alertPreview: (q) => previewAlert(p.client, q, opts.clock.now()),
      };
      return { installed: true, deps, connected: p.connected, demo: p.demo };
    },
    forget,
    close: async () => {
      for (const p of placewiseCache.values()) await p.client.close();
      placewiseCache.clear();
      slackCache.clear();
    },
  };
  return access;
}

/** The deps for one team's work: the team's own in OAuth mode, the deployment's otherwise. */
export async function depsForTeam(deps: AppDeps, teamId: string): Promise<AppDeps> {
  if (deps.teams === undefined) return deps;
  const s = await deps.teams.scope(teamId);
  if (!s.installed) throw new TeamNotInstalledError(teamId);
  return s.deps;
}
