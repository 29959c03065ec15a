/**
 * Job `worker`: a node-cron tick each minute finds due runs and claims each (subscription, scheduled
 * time) with one conditional write; only the winner delivers, through a bounded pool. Missed runs
 * are backfilled within CATCH_UP_HOURS, older ones recorded as skipped and the creator told once.
 * Runs whose worker died are taken over when their lease expires.
 *
 * The parts, in jobs/worker/: tick.ts (the minute tick and the alert pass), backfill.ts (catch-up
 * of one subscription), takeover.ts, run-queue.ts (pool, order per subscription, heartbeat) and
 * shutdown.ts. This file only puts them together.
 */
import { hostname } from "node:os";
import cron from "node-cron";
import { createLogger, type Logger } from "../src/util/log.ts";
import { Lifecycle, type WorkerContext, type WorkerDeps } from "./worker/context.ts";
import { RunQueue } from "./worker/run-queue.ts";
import { shutdown } from "./worker/shutdown.ts";
import { Ticker, type TickResult } from "./worker/tick.ts";

export type { WorkerDeps } from "./worker/context.ts";
export type { TickResult } from "./worker/tick.ts";

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

export interface Worker {
  readonly owner: string;
  tick(): Promise<TickResult>;
  /** The sandbox's "run due now": a tick, then wait for what it started. */
  runDueNow(): Promise<{ delivered: number }>;
  /** Resolves when every run started so far has finished. */
  idle(): Promise<void>;
  /** When the last tick finished (clock ms), for /healthz. */
  lastTickAt(): number;
  /** Claimed runs queued or in flight in this process. */
  queued(): number;
  /** Stop claiming; give running work `graceMs`, then hand back the leases of what is still running. */
  stop(graceMs?: number): Promise<void>;
}

export function startWorker(deps: WorkerDeps, opts: WorkerOptions = {}): Worker {
  const ctx: WorkerContext = {
    deps,
    log: opts.log ?? deps.log ?? createLogger(),
    owner: opts.owner ?? `worker-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    leaseMs: opts.leaseMs ?? 2 * 60_000,
    life: new Lifecycle(),
  };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const queue = new RunQueue(ctx, opts.concurrency ?? 4, sleep);
  const ticker = new Ticker(ctx, queue);
  const tick = () => ticker.tick();

  const task =
    opts.schedule === false
      ? null
      : cron.schedule(
          "* * * * *",
          () => void tick().catch((e) => ctx.log.error("tick failed", { error: e as Error })),
          { noOverlap: true },
        );
  // Catch up at start instead of waiting for the first minute boundary.
  if (task !== null) void tick().catch((e) => ctx.log.error("first tick failed", { error: e as Error }));

  return {
    owner: ctx.owner,
    tick,
    idle: () => queue.idle(),
    lastTickAt: () => ticker.lastTickAt,
    queued: () => queue.size,
    runDueNow: async () => {
      const before = queue.delivered;
      await tick();
      await queue.idle();
      return { delivered: queue.delivered - before };
    },
    stop: (graceMs = 6_000) =>
      shutdown(ctx, { queue, ticker, stopSchedule: async () => void (await task?.stop()) }, graceMs),
  };
}
