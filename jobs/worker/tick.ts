/**
 * The minute tick: due subscriptions are backfilled and claimed, expired runs taken over, and the
 * alert pass started beside the digests. One tick at a time and one alert pass at a time in this
 * process; other processes are kept apart by the claims.
 */
import { dueSubscriptions } from "../../src/store/subscriptions.ts";
import { evaluateDueAlerts } from "../evaluate-alert.ts";
import { backfill } from "./backfill.ts";
import type { WorkerContext } from "./context.ts";
import { Pruner } from "./prune.ts";
import type { RunQueue } from "./run-queue.ts";
import { takeOver } from "./takeover.ts";

/** Due subscriptions read at a time; a tick reads pages until none is due (at most MAX_PAGES). */
const PAGE = 100;
const MAX_PAGES = 200;

export interface TickResult {
  readonly claimed: number;
  readonly skipped: number;
  readonly takenOver: number;
}

export class Ticker {
  private ticking: Promise<TickResult> | null = null;
  // A pass still fetching history when the next minute ticks is not doubled.
  private alerting: Promise<void> | null = null;
  private readonly pruner: Pruner;
  /** When the last tick finished (clock ms); start counts as one, so /healthz is fine at start. */
  lastTickAt: number;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly queue: RunQueue,
  ) {
    this.pruner = new Pruner(ctx);
    this.lastTickAt = ctx.deps.clock.now();
  }

  tick(): Promise<TickResult> {
    if (this.ctx.life.stopping) return Promise.resolve({ claimed: 0, skipped: 0, takenOver: 0 });
    this.ticking ??= this.run().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /** Resolves when the tick in progress (if any) has finished; never rejects. */
  async settled(): Promise<void> {
    await this.ticking?.catch(() => {});
  }

  private async run(): Promise<TickResult> {
    const { deps, log, life } = this.ctx;
    const now = deps.clock.now();
    let claimed = 0;
    let skipped = 0;
    // Page through everything due: 1000 digests at 08:00 are one tick's work, not ten minutes of
    // 100 a tick. A subscription seen once this tick (its schedule could not move on) is not read again.
    const seen = new Set<number>();
    for (let page = 0; page < MAX_PAGES && !life.stopping; page++) {
      const due = (await dueSubscriptions(deps.db, now, PAGE)).filter((s) => !seen.has(s.id));
      if (due.length === 0) break;
      for (const sub of due) {
        if (life.stopping) break;
        seen.add(sub.id);
        try {
          const r = await backfill(this.ctx, this.queue, sub, now);
          claimed += r.claimed;
          skipped += r.skipped;
        } catch (e) {
          log.error("could not schedule a subscription", { sub: sub.id, error: e as Error });
        }
      }
    }
    const takenOver = life.stopping ? 0 : await takeOver(this.ctx, this.queue, now);
    this.startAlerts();
    if (!life.stopping) await this.pruner.maybe(now);
    // Finished, not started: a tick stuck on a hung database leaves this old, and /healthz says so.
    this.lastTickAt = deps.clock.now();
    deps.metrics?.workerTick(this.lastTickAt);
    return { claimed, skipped, takenOver };
  }

  /** Starts the alert pass beside the digests; the queue's idle() waits for it like for a run. */
  private startAlerts(): void {
    const { deps, owner, leaseMs, log, life } = this.ctx;
    if (this.alerting !== null || life.stopping) return;
    const pass: Promise<void> = evaluateDueAlerts(deps, { owner, leaseMs, log, signal: life.abort.signal })
      .then(() => {})
      .catch((e) => log.error("alert pass failed", { error: e as Error }))
      .finally(() => {
        this.alerting = null;
      });
    this.alerting = pass;
    this.queue.track(pass);
  }
}
