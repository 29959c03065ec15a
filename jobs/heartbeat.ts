/**
 * The heartbeat that keeps claims held while work is queued or running. A beat every third of the
 * lease (at least 1 s) leaves two missed beats before another worker may take the work over.
 */
import type { Db } from "../src/store/db.ts";
import { type DeliveryRun, extendLease } from "../src/store/runs.ts";
import type { Clock } from "../src/util/clock.ts";

export interface HeartbeatDeps {
  readonly db: Db;
  readonly clock: Clock;
}

/**
 * Extends the lease of every run `held()` lists, each beat, until the returned stop is called. A
 * failed beat is ignored: the next one tries again, and a lost claim shows when the run posts.
 */
export function startHeartbeat(
  deps: HeartbeatDeps,
  lease: { owner: string; leaseMs: number },
  held: () => Iterable<DeliveryRun>,
): () => void {
  const timer = setInterval(
    () => {
      for (const run of held()) void renewRun(deps, run, lease).catch(() => {});
    },
    Math.max(1_000, lease.leaseMs / 3),
  );
  // A beat never keeps the process alive: shutdown hands the leases back itself.
  timer.unref();
  return () => clearInterval(timer);
}

/** One beat for one run; false means another worker took it over. */
export function renewRun(
  deps: HeartbeatDeps,
  run: DeliveryRun,
  lease: { owner: string; leaseMs: number },
): Promise<boolean> {
  return extendLease(deps.db, run.teamId, run.id, {
    owner: lease.owner,
    leaseUntil: deps.clock.now() + lease.leaseMs,
  });
}
