/** Takes over runs whose worker stopped: their lease expired while still 'claimed'. */
import { claimRun, expiredRuns } from "../../src/store/runs.ts";
import { getSubscription } from "../../src/store/subscriptions.ts";
import { warmDigest } from "../deliver-digest.ts";
import { LATE_AFTER_MS, type WorkerContext } from "./context.ts";
import type { RunQueue } from "./run-queue.ts";

/** Claims each expired run again (the claim decides which worker wins); returns how many it won. */
export async function takeOver(ctx: WorkerContext, queue: RunQueue, now: number): Promise<number> {
  const { deps, owner, leaseMs, life, log } = ctx;
  let n = 0;
  for (const stale of await expiredRuns(deps.db, now)) {
    if (life.stopping) break;
    // Our own run, queued or in flight (the heartbeat had no chance to run, or the clock jumped):
    // claiming it again would start a second delivery of it in this very process.
    if (queue.has(stale.id)) continue;
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
      warmDigest(deps, sub, run.scheduledAt, ctx.life.abort.signal);
      queue.start(run);
    }
  }
  return n;
}
