/**
 * Job `worker`: a node-cron tick each minute finds due runs and claims each (subscription, scheduled
 * time) with one conditional write; only the winner delivers, through a bounded pool. Missed runs
 * are backfilled within CATCH_UP_HOURS, older ones recorded as skipped and the creator told once
 * (graphile/worker's registerAndBackfillItems, STYLE.md #3). Runs whose worker died are taken over
 * when their lease expires.
 */
import { hostname } from "node:os";
import cron from "node-cron";
import { whenInWords } from "../src/report/when.ts";
import { nextRuns, runsBetween } from "../src/schedule/next.ts";
import type { BotDeps } from "../src/slack/deps.ts";
import { noticeOnce } from "../src/store/notices.ts";
import {
  claimRun,
  type DeliveryRun,
  expiredRuns,
  extendLease,
  recordSkipped,
  releaseRun,
} from "../src/store/runs.ts";
import {
  dueSubscriptions,
  getSubscription,
  type Subscription,
  setNextRun,
} from "../src/store/subscriptions.ts";
import { createLogger, type Logger } from "../src/util/log.ts";
import { deliverDigest } from "./deliver-digest.ts";
import { evaluateDueAlerts } from "./evaluate-alert.ts";
import { Pool } from "./pool.ts";

export interface WorkerDeps extends BotDeps {
  readonly catchUpHours: number;
}

export interface WorkerOptions {
  readonly log?: Logger;
  readonly owner?: string;
  /** Digest runs at once; Placewise and rendering are the bottlenecks, 4 keeps a 2-core box responsive. */
  readonly concurrency?: number;
  /** A claim is held this long without a heartbeat before another worker may take it over. */
  readonly leaseMs?: number;
  /** Start the minute tick (off in tests, which call tick() with a manual clock). */
  readonly schedule?: boolean;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface TickResult {
  readonly claimed: number;
  readonly skipped: number;
  readonly takenOver: number;
}

export interface Worker {
  readonly owner: string;
  tick(): Promise<TickResult>;
  /** The sandbox's "run due now": a tick, then wait for what it started. */
  runDueNow(): Promise<{ delivered: number }>;
  /** Resolves when every run started so far has finished. */
  idle(): Promise<void>;
  /** Stop claiming; give running work `graceMs`, then hand back the leases of what is still running. */
  stop(graceMs?: number): Promise<void>;
}

/** A run delivered more than this after its time says so in the message. */
const LATE_AFTER_MS = 2 * 60_000;

export function startWorker(deps: WorkerDeps, opts: WorkerOptions = {}): Worker {
  const log = opts.log ?? deps.log ?? createLogger();
  const owner = opts.owner ?? `worker-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = opts.leaseMs ?? 2 * 60_000;
  const pool = new Pool(opts.concurrency ?? 4);
  const abort = new AbortController();
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const running = new Map<number, DeliveryRun>();
  // The last queued run of each subscription: its next run waits for it (see start).
  const tails = new Map<string, Promise<void>>();
  const inflight = new Set<Promise<void>>();
  let stopping = false;
  let ticking: Promise<TickResult> | null = null;
  let delivered = 0;
  // One alert pass at a time in this process: a pass still fetching history when the next minute
  // ticks is not doubled (other processes are kept apart by the evaluation claims).
  let alerting: Promise<void> | null = null;

  const deliver = async (run: DeliveryRun): Promise<string> => {
    // Claimed but not begun when shutdown came: hand it back now instead of starting a post.
    if (stopping) {
      await releaseRun(deps.db, run.teamId, run.id, owner);
      return "released";
    }
    return deliverDigest(deps, run, { owner, leaseMs, sleep, signal: abort.signal });
  };

  /**
   * Runs of one subscription go out one after another in scheduled order: 5 backfilled runs sent
   * through a pool of 4 arrived as 09:30, 10:00, 09:00 in the channel. Serial runs also see a pause
   * made by the run before them, so a removed bot yields one failure and one DM, not 4.
   */
  const start = (run: DeliveryRun) => {
    running.set(run.id, run);
    const key = `${run.teamId}:${run.subscriptionId}`;
    const previous = tails.get(key) ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(() => pool.run(() => deliver(run)))
      .then((outcome) => {
        if (outcome === "delivered") delivered++;
      })
      .catch((e) => log.error("run crashed", { run: run.id, error: e as Error }))
      .finally(() => {
        running.delete(run.id);
        inflight.delete(done);
        if (tails.get(key) === done) tails.delete(key);
      });
    tails.set(key, done);
    inflight.add(done);
  };

  // Queued runs hold their claims too: 12 backfilled runs of one subscription at ~10 s each wait
  // longer than a 2 min lease, and another worker would take the last ones over and post them twice.
  const heartbeat = setInterval(
    () => {
      for (const run of running.values())
        void extendLease(deps.db, run.teamId, run.id, {
          owner,
          leaseUntil: deps.clock.now() + leaseMs,
        }).catch(() => {});
    },
    Math.max(1_000, leaseMs / 3),
  );
  heartbeat.unref();

  const idle = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };

  async function backfill(sub: Subscription, now: number): Promise<{ claimed: number; skipped: number }> {
    const from = (sub.nextRunAt ?? now) - 1;
    const due = runsBetween(sub, from, now, 2_000);
    const windowStart = now - deps.catchUpHours * 3_600_000;
    const skippedAt: number[] = [];
    const missed = due.filter((at) => at < windowStart);
    let claimed = 0;
    let cut = false;
    for (const at of due) {
      if (stopping) {
        cut = true;
        break;
      }
      if (at < windowStart) {
        if (
          await recordSkipped(deps.db, {
            teamId: sub.teamId,
            subscriptionId: sub.id,
            scheduledAt: at,
            reason: `missed by more than ${deps.catchUpHours} h`,
            now,
          })
        )
          skippedAt.push(at);
        continue;
      }
      const run = await claimRun(deps.db, {
        teamId: sub.teamId,
        subscriptionId: sub.id,
        scheduledAt: at,
        owner,
        leaseMs,
        now,
        late: now - at > LATE_AFTER_MS,
      });
      if (run !== null) {
        claimed++;
        start(run);
      }
    }
    // Two workers catching up together may each record part of the skipped runs; both read the same
    // stretch, so one notice keyed by its first run tells the whole of it, once.
    if (skippedAt.length > 0) await tellSkipped(sub, missed, now);
    // Shutdown cut the catch-up short: moving the schedule past `now` would lose the runs not yet
    // claimed; the next worker starts again from the same next_run_at.
    if (cut) return { claimed, skipped: skippedAt.length };
    // Move the schedule on only from where we found it, so two workers never skip a run.
    const next = nextRuns(sub, Math.max(now, from), 1)[0];
    if (next !== undefined)
      await setNextRun(deps.db, sub.teamId, sub.id, {
        nextRunAt: next,
        ...(sub.nextRunAt !== null ? { expected: sub.nextRunAt } : {}),
        now,
      });
    return { claimed, skipped: skippedAt.length };
  }

  async function tellSkipped(sub: Subscription, at: number[], now: number): Promise<void> {
    const fmt = (ms: number) => whenInWords(ms, sub.timezone);
    if (!(await noticeOnce(deps.db, sub.teamId, `skipped:${sub.id}:${at[0]}`, now))) return;
    const span =
      at.length === 1
        ? `due ${fmt(at[0] as number)}`
        : `due ${fmt(at[0] as number)} to ${fmt(at[at.length - 1] as number)}`;
    const text = `${at.length} run(s) of your offer digest #${sub.id} (${span}, ${sub.timezone}) were skipped: offer-digest was down for longer than ${deps.catchUpHours} h. It continues on schedule.`;
    await deps.delivery
      .dm({ user: sub.creatorId, message: { text } })
      .catch((e) => log.warn("could not tell the creator", { sub: sub.id, error: e as Error }));
  }

  async function takeOver(now: number): Promise<number> {
    let n = 0;
    for (const stale of await expiredRuns(deps.db, now)) {
      if (stopping) break;
      // Our own run, queued or in flight (the heartbeat had no chance to run, or the clock jumped):
      // claiming it again would start a second delivery of it in this very process.
      if (running.has(stale.id)) continue;
      const sub = await getSubscription(deps.db, stale.teamId, stale.subscriptionId);
      if (sub === null) continue;
      const run = await claimRun(deps.db, {
        teamId: stale.teamId,
        subscriptionId: stale.subscriptionId,
        scheduledAt: stale.scheduledAt,
        owner,
        leaseMs,
        now,
        late: now - stale.scheduledAt > LATE_AFTER_MS,
      });
      if (run !== null) {
        n++;
        log.warn("taking over a run whose worker stopped", {
          sub: sub.id,
          at: new Date(stale.scheduledAt).toISOString(),
          attempts: run.attempts,
        });
        start(run);
      }
    }
    return n;
  }

  /** Starts the alert pass beside the digests; idle() waits for it like for a run. */
  const startAlerts = () => {
    if (alerting !== null || stopping) return;
    const pass: Promise<void> = evaluateDueAlerts(deps, { owner, leaseMs, log, signal: abort.signal })
      .then(() => {})
      .catch((e) => log.error("alert pass failed", { error: e as Error }))
      .finally(() => {
        alerting = null;
        inflight.delete(pass);
      });
    alerting = pass;
    inflight.add(pass);
  };

  async function doTick(): Promise<TickResult> {
    const now = deps.clock.now();
    let claimed = 0;
    let skipped = 0;
    for (const sub of await dueSubscriptions(deps.db, now)) {
      if (stopping) break;
      try {
        const r = await backfill(sub, now);
        claimed += r.claimed;
        skipped += r.skipped;
      } catch (e) {
        log.error("could not schedule a subscription", { sub: sub.id, error: e as Error });
      }
    }
    const takenOver = stopping ? 0 : await takeOver(now);
    startAlerts();
    return { claimed, skipped, takenOver };
  }

  // One tick at a time in this process; other processes are kept apart by the claims.
  const tick = (): Promise<TickResult> => {
    if (stopping) return Promise.resolve({ claimed: 0, skipped: 0, takenOver: 0 });
    ticking ??= doTick().finally(() => {
      ticking = null;
    });
    return ticking;
  };

  const task =
    opts.schedule === false
      ? null
      : cron.schedule(
          "* * * * *",
          () => void tick().catch((e) => log.error("tick failed", { error: e as Error })),
          { noOverlap: true },
        );
  // Catch up at start instead of waiting for the first minute boundary.
  if (opts.schedule !== false)
    void tick().catch((e) => log.error("first tick failed", { error: e as Error }));

  return {
    owner,
    tick,
    idle,
    runDueNow: async () => {
      const before = delivered;
      await tick();
      await idle();
      return { delivered: delivered - before };
    },
    stop: async (graceMs = 6_000) => {
      stopping = true;
      clearInterval(heartbeat);
      await task?.stop();
      await ticking?.catch(() => {});
      const finished = idle();
      const timedOut = await Promise.race([
        finished.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
      ]);
      if (timedOut) {
        abort.abort();
        // Hand the leases back at once, so another worker (or this one after a restart) can take them.
        await Promise.allSettled(
          [...running.values()].map((run) => releaseRun(deps.db, run.teamId, run.id, owner)),
        );
        log.warn("stopped with runs unfinished; their leases were handed back", { runs: running.size });
      }
    },
  };
}
