/**
 * The composition root: builds every part from the Config once and wires them. `npm start` runs the
 * web part and the worker in one process; the Procfile runs them apart (role "web" / "worker").
 * With no Slack credentials the web part is the sandbox: an in-process Slack emulator and a page.
 */

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type ReportJobs, startReportJobs } from "../jobs/report-jobs.ts";
import { startWorker, type Worker } from "../jobs/worker.ts";
import type { AppDeps } from "./app/deps.ts";
import { PIPELINE } from "./app/pipeline.ts";
import { createTeamAccess, depsForTeam, type TeamAccess } from "./app/teams.ts";
import { openRenderPool, type RenderPool } from "./charts/pool.ts";
import { chartDrawer } from "./charts/renderer.ts";
import type { Config } from "./config.ts";
import { createDelivery } from "./delivery/index.ts";
import { MemoryRateGate } from "./delivery/rate-gate.ts";
import { DatabaseRateGate } from "./delivery/rate-gate-db.ts";
import { createWebClient } from "./delivery/web-client.ts";
import { SIM_CLUBS, SIM_TOKENS } from "./local/placewise-simulator/index.ts";
import { createSandbox, type Sandbox } from "./local/sandbox/index.ts";
import { type SlackEmulator, startSlackEmulator } from "./local/slack-emulator/index.ts";
import { previewAlert } from "./pipeline/alert-preview.ts";
import { DigestSharing } from "./pipeline/shared-digest.ts";
import { createSlackApp, type SlackApp } from "./slack/app.ts";
import { createInstallationStore } from "./slack/oauth/store.ts";
import { runReportJob } from "./slack/verbs/handed-off.ts";
import { startOAuth } from "./start/oauth.ts";
import { openPlacewise, type PlacewiseSource } from "./start/placewise.ts";
import { createProbes } from "./start/probes.ts";
import { type Database, migrateToLatest, openDatabase } from "./store/db.ts";
import { countOpenReportJobs, enqueueReportJob } from "./store/report-jobs.ts";
import { Admission } from "./util/admission.ts";
import { type Clock, systemClock } from "./util/clock.ts";
import { createLogger, type Logger } from "./util/log.ts";
import { createMetrics } from "./util/metrics.ts";
import { installZoneOffsetMemo } from "./util/zone-offsets.ts";
import { startWebServer, type WebServer, type WebServerTimeouts } from "./web.ts";

export type Role = "all" | "web" | "worker";

export interface RuntimeOptions {
  readonly role: Role;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Host to bind; tests use 127.0.0.1. */
  readonly host?: string;
  /** HTTP timeouts; tests use small ones to see a slow client cut without waiting 10 s. */
  readonly webTimeouts?: WebServerTimeouts;
  /**
   * Fault injection and call recording in the built-in simulator and Slack emulator, for tests and
   * benchmarks. `serve` never sets it (test/local/test-hooks.test.ts).
   */
  readonly testHooks?: boolean;
  /**
   * How delivery waits for Slack's limits (default: real time). Tests on a fixed clock pass one that
   * returns at once: their time never moves, so slots reserved ahead of it would add up to real seconds.
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * The hand-off of ad-hoc reports on PostgreSQL (jobs/report-jobs.ts): tests poll faster, turn the
   * LISTEN off to see the poll alone, or shorten the lease to see a dead worker's job retaken.
   */
  readonly reportJobs?: { pollMs?: number; listen?: boolean; leaseMs?: number; owner?: string };
}

export interface Runtime {
  readonly deps: AppDeps;
  readonly web: WebServer | null;
  readonly worker: Worker | null;
  /** Handed-off reports being taken from the database (a worker on PostgreSQL), else null. */
  readonly reportJobs: ReportJobs | null;
  readonly emulator: SlackEmulator | null;
  readonly placewise: PlacewiseSource;
  readonly db: Database;
  /** The chart render threads (RENDER_THREADS), null with 0: charts are drawn on this thread. */
  readonly renderPool: RenderPool | null;
  /** SIGTERM: stop taking work, finish or hand back what runs, close everything. */
  stop(): Promise<void>;
}

export const SANDBOX = {
  teamId: "T0SANDBOX",
  channelId: "C0OFFERS",
  channelName: "offers",
  userId: "U0YOU",
  userName: "you",
  botUserId: "U0OFFERBOT",
} as const;

async function sandboxSlack(clock: Clock, testHooks: boolean): Promise<SlackEmulator> {
  return startSlackEmulator({
    testHooks,
    clock,
    teamId: SANDBOX.teamId,
    botUserId: SANDBOX.botUserId,
    channels: [
      { id: SANDBOX.channelId, name: SANDBOX.channelName, members: [SANDBOX.botUserId, SANDBOX.userId] },
      { id: "C0PRIVATE", name: "private-no-bot", isPrivate: true, members: [SANDBOX.userId] },
    ],
    users: [{ id: SANDBOX.userId, name: SANDBOX.userName, isAdmin: true }],
  });
}

export async function startRuntime(config: Config, opts: RuntimeOptions): Promise<Runtime> {
  installZoneOffsetMemo();
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  // Take the port first: a port already in use fails start-up before anything else is opened.
  const web = opts.role === "worker" ? null : await startWebServer(config.port, opts.host, opts.webTimeouts);
  const opened: Array<() => Promise<void>> = [];
  try {
    return await assemble(config, opts, { clock, log, web, opened });
  } catch (e) {
    for (const close of opened.reverse()) await close().catch(() => {});
    await web?.close(0);
    throw e;
  }
}

async function assemble(
  config: Config,
  opts: RuntimeOptions,
  ctx: { clock: Clock; log: Logger; web: WebServer | null; opened: Array<() => Promise<void>> },
): Promise<Runtime> {
  const { clock, log, web, opened } = ctx;
  const db = await openDatabase(config.databaseUrl);
  opened.push(() => db.close());
  await migrateToLatest(db.db);
  // Reached only when every migration applied; start-up fails otherwise.
  const migrated = true;
  // This runtime's own registry: several runtimes in one test process must not share counters.
  const metrics = createMetrics();
  const placewise = await openPlacewise(config.placewise, {
    clock,
    testHooks: opts.testHooks === true,
    onResponse: (status, tokens) => metrics.placewise(status, tokens),
  });
  opened.push(() => placewise.close());
  const renderPool =
    config.charts.renderThreads > 0 ? openRenderPool({ threads: config.charts.renderThreads }) : null;
  if (renderPool !== null) {
    opened.push(() => renderPool.close());
    if (!(await renderPool.warmUp()))
      log.warn("the chart render threads could not draw a test chart: digests will go out without charts");
  }
  const sandboxMode = config.slack.mode === "sandbox";
  const emulator =
    sandboxMode && opts.role !== "worker" ? await sandboxSlack(clock, opts.testHooks === true) : null;
  if (emulator) opened.push(() => emulator.close());
  // Sandbox mode alone in a worker process has no Slack to talk to: it must share the web process.
  const token = emulator?.token ?? config.slack.botToken ?? "xoxb-sandbox";
  const apiUrl = emulator?.apiUrl ?? config.slack.apiUrl;
  const webClient = createWebClient({
    token,
    slackApiUrl: apiUrl,
    onCall: (method, status) => metrics.slack(method, status),
  });
  // Slack's limits hold for the whole deployment: several processes on PostgreSQL share them
  // through the database; SQLite means one process, which keeps them in memory.
  const gate = db.dialect === "postgres" ? new DatabaseRateGate(db.db) : new MemoryRateGate();
  const delivery = createDelivery(webClient, {
    clock,
    ...(opts.sleep === undefined ? {} : { sleep: opts.sleep }),
    gate,
  });
  // Only scheduled digests share (a burst is theirs); a web process has none to run.
  const sharing =
    opts.role === "web"
      ? undefined
      : new DigestSharing({
          db: db.db,
          clock,
          owner: `share-${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
          sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)),
          upload: (chart) => delivery.upload(chart),
          onShare: (role) => metrics.shared(role),
        });
  const reports = new Admission(config.reports.concurrency, config.reports.queue);
  const postgres = db.dialect === "postgres";
  // Web hands reports to the workers only where workers exist for sure: a `web` process (the
  // Procfile's layout) on PostgreSQL. `npm start` (role all) and SQLite do the work themselves.
  const handOff = opts.role === "web" && postgres && config.reports.handOff === "auto";
  metrics.watchQueue("reports", () => reports.load.running + reports.load.queued);
  const base: AppDeps = {
    db: db.db,
    clock,
    log,
    placewise: placewise.client,
    defaultTimezone: placewise.defaultClubTimezone ?? config.schedule.defaultTimezone,
    minScheduleMinutes: config.schedule.minScheduleMinutes,
    defaultLanguage: config.defaultLanguage,
    web: webClient,
    delivery,
    // This runtime's own pool: several runtimes in one process never draw on each other's.
    charts: chartDrawer(renderPool),
    pipeline: PIPELINE,
    ...(sharing === undefined ? {} : { sharing }),
    // Ad-hoc reports only. Scheduled digests keep the worker's own pool (jobs/worker.ts), so a flood
    // of /offers report can queue behind itself but never ahead of an 08:00 digest.
    reports,
    ...(handOff ? { handOff: (job) => enqueueReportJob(db.db, job, clock.now()) } : {}),
    alertPreview: (p) => previewAlert(placewise.client, p, clock.now()),
    metrics,
  };
  // OAuth mode: each workspace's own tokens, sealed at rest; values sealed with ENCRYPTION_KEY_OLD
  // are re-encrypted before anything reads them.
  const teams: TeamAccess | null =
    config.slack.oauth === undefined
      ? null
      : await startOAuth(config.slack.oauth, {
          db: db.db,
          log,
          create: (keyring) =>
            createTeamAccess(base, {
              db: db.db,
              clock,
              keyring,
              slackApiUrl: apiUrl,
              // PLACEWISE_API_URL: each workspace's own token goes there (never the built-in simulator,
              // which stands in only for the deployment's own missing PLACEWISE_* token).
              placewiseUrl: config.placewise.apiUrl,
              defaultTimezone: config.schedule.defaultTimezone,
              gate,
              ...(opts.sleep === undefined ? {} : { sleep: opts.sleep }),
              onSlackCall: (method, status) => metrics.slack(method, status),
              onPlacewiseResponse: (status, tokens) => metrics.placewise(status, tokens),
              // Demo data (`/offers connect demo`): the built-in simulator's first club, when it runs.
              demo:
                placewise.simulator === null
                  ? null
                  : {
                      url: placewise.simulator.url,
                      credentials: {
                        customer: `id=${SIM_CLUBS[0]?.id}`,
                        tokenKind: "client",
                        token: SIM_TOKENS.client,
                      },
                    },
            }),
        });
  if (teams !== null) opened.push(() => teams.close());
  const deps: AppDeps = teams === null ? base : { ...base, teams };

  const worker =
    opts.role === "web"
      ? null
      : startWorker(
          { ...deps, catchUpHours: config.schedule.catchUpHours, historyDays: config.historyDays },
          // With sharing, fetching and drawing run in DigestSharing's own pool of 4 (the CPU part);
          // a run slot only waits for its shared digest and its channel's turn, so 16 runs wait at
          // once and one waiting for the burst's last upload holds nobody else back.
          { log, concurrency: sharing === undefined ? 4 : 16 },
        );
  if (worker) {
    opened.push(() => worker.stop(0));
    metrics.watchQueue("runs", () => worker.queued());
  }
  // Every worker on PostgreSQL takes handed-off reports, whatever its own web part does.
  const reportJobs =
    worker !== null && postgres
      ? startReportJobs(
          deps,
          // The workspace's own deps (OAuth mode): its Placewise access and its Slack token.
          // A workspace that removed the app meanwhile: the job fails, nothing is posted.
          async (job, run) => {
            const team = await depsForTeam(deps, job.teamId).catch((e: Error) => e);
            if (team instanceof Error) return { kind: "failed", error: team.message };
            return runReportJob(team, job, run);
          },
          {
            owner: opts.reportJobs?.owner ?? worker.owner,
            log,
            concurrency: config.reports.concurrency,
            listenUrl: opts.reportJobs?.listen === false ? null : config.databaseUrl,
            ...(opts.reportJobs?.pollMs === undefined ? {} : { pollMs: opts.reportJobs.pollMs }),
            ...(opts.reportJobs?.leaseMs === undefined ? {} : { leaseMs: opts.reportJobs.leaseMs }),
          },
        )
      : null;
  if (reportJobs) {
    opened.push(() => reportJobs.stop(0));
    metrics.watchQueue("report_jobs", () => reportJobs.depth());
  }
  // A worker-only process serves no /metrics: the web process that hands reports off shows the
  // queue's depth too, counted every 5 s (the gauge is read synchronously).
  let handedOffDepth = 0;
  const depthTimer = handOff
    ? setInterval(() => {
        void countOpenReportJobs(db.db)
          .then((n) => {
            handedOffDepth = n;
          })
          .catch(() => {});
      }, 5_000)
    : null;
  if (depthTimer !== null) {
    depthTimer.unref();
    opened.push(async () => clearInterval(depthTimer));
    metrics.watchQueue("report_jobs", () => handedOffDepth);
  }

  let slack: SlackApp | null = null;
  let sandbox: Sandbox | null = null;
  if (web !== null) {
    const signingSecret = config.slack.signingSecret ?? randomBytes(24).toString("hex");
    if (emulator !== null) {
      sandbox = createSandbox({
        emulator,
        signingSecret,
        eventsUrl: `http://127.0.0.1:${web.port}/slack/events`,
        teamId: SANDBOX.teamId,
        channelId: SANDBOX.channelId,
        channelName: SANDBOX.channelName,
        userId: SANDBOX.userId,
        userName: SANDBOX.userName,
        clock,
        ...(worker ? { runDueNow: () => worker.runDueNow() } : {}),
      });
    }
    slack = createSlackApp(
      {
        botToken: token,
        signingSecret,
        appToken: config.slack.appToken,
        apiUrl,
        customRoutes: sandbox?.routes ?? [],
        log,
        ...(teams !== null && config.slack.oauth !== undefined
          ? {
              oauth: {
                ...config.slack.oauth,
                installationStore: createInstallationStore({ db: db.db, clock, teams, log }),
              },
            }
          : {}),
      },
      deps,
    );
    if (slack.listener) web.setHandler(slack.listener);
    await slack.start();
    web.setProbes(
      createProbes({
        db: db.db,
        clock,
        migrated: () => migrated,
        metrics,
        ...(worker ? { lastTickAt: () => worker.lastTickAt() } : {}),
      }),
    );
    web.setReady(true);
  }

  return {
    deps,
    web,
    worker,
    reportJobs,
    emulator,
    placewise,
    db,
    renderPool,
    stop: async () => {
      // Order matters: end the page's live streams, stop taking requests and claiming runs, let
      // running work finish (or hand back its lease), then close what the work was using.
      sandbox?.close();
      if (depthTimer !== null) clearInterval(depthTimer);
      await Promise.all([web?.close(3_000), worker?.stop(6_000), reportJobs?.stop(6_000)]);
      await slack?.stop();
      await emulator?.close();
      // After the work that renders has stopped: charts still in the pool finish first.
      if (renderPool !== null) await renderPool.close();
      await teams?.close();
      await placewise.close();
      await db.close();
    },
  };
}
