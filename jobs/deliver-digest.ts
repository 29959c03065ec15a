/**
 * Job `deliver-digest`: one claimed run of one subscription. The report period comes from the
 * scheduled time, never from "now", so a late or backfilled digest covers the right hours. Posting
 * is last and tagged with the run key; a run taken over after a crash looks for its own message
 * before posting again. The parts: one attempt (deliver-digest/post.ts), a final failure
 * (deliver-digest/fail.ts); this file holds the retry loop and the lease.
 */
import type { AppDeps } from "../src/app/deps.ts";
import { type DeliveryRun, failRun } from "../src/store/runs.ts";
import { getSubscription, type Subscription } from "../src/store/subscriptions.ts";
import { recordFinalFailure } from "./deliver-digest/fail.ts";
import type { DigestOutcome, RunContext } from "./deliver-digest/outcome.ts";
import { attemptDigest } from "./deliver-digest/post.ts";
import { decideFailure } from "./failure.ts";
import { startHeartbeat } from "./heartbeat.ts";

export type { DigestOutcome, RunContext } from "./deliver-digest/outcome.ts";
export { runKeyOf } from "./deliver-digest/post.ts";

/** Delivers one run; never throws for a failed delivery (the outcome is recorded and returned). */
export async function deliverDigest(
  appDeps: AppDeps,
  run: DeliveryRun,
  ctx: RunContext,
): Promise<DigestOutcome> {
  // Every line of this run carries its ids, so one grep finds a run's whole story.
  const deps = { ...appDeps, log: appDeps.log.child({ run: run.id, sub: run.subscriptionId }) };
  const outcome = await deliverRun(deps, run, ctx);
  if (outcome.kind === "delivered")
    deps.metrics?.delivery("delivered", (deps.clock.now() - run.scheduledAt) / 1000, run.late);
  else if (outcome.kind === "failed") deps.metrics?.delivery("failed", null, run.late);
  return outcome;
}

async function deliverRun(deps: AppDeps, run: DeliveryRun, ctx: RunContext): Promise<DigestOutcome> {
  const sub = await getSubscription(deps.db, run.teamId, run.subscriptionId);
  if (sub === null || sub.state !== "active") {
    const reason = "subscription no longer active";
    await failRun(deps.db, run.teamId, run.id, {
      owner: ctx.owner,
      error: reason,
      final: true,
      now: deps.clock.now(),
    });
    return { kind: "failed", reason, paused: false };
  }
  // Keep the lease while working: a slow Placewise answer must not let another worker take over.
  const stopHeartbeat = startHeartbeat(deps, ctx, () => [run]);
  try {
    return await withRetries(deps, sub, run, ctx);
  } finally {
    stopHeartbeat();
  }
}

/** A run keeps being tried for this long after its time while its failures are transient. */
export const RETRY_FOR_MS = 15 * 60_000;

/**
 * When a transient failure that outlasted the run's own attempts is tried again: 30 s, 1 min,
 * 2 min, 4 min … after, by how often the run was claimed, while within RETRY_FOR_MS of its time;
 * null after that (the run fails for good and the creator is told). A Placewise 503 for two minutes
 * (RELIABILITY.md) is then a late digest, not a lost one.
 */
function retryLater(deps: AppDeps, run: DeliveryRun, kind: "transient" | "permanent"): number | null {
  if (kind !== "transient") return null;
  const now = deps.clock.now();
  const at = now + 30_000 * 2 ** Math.min(run.attempts - 1, 4);
  return at - run.scheduledAt < RETRY_FOR_MS ? at : null;
}

/** Transient failures are tried again within the run (decideFailure says when); others end it. */
async function withRetries(
  deps: AppDeps,
  sub: Subscription,
  run: DeliveryRun,
  ctx: RunContext,
): Promise<DigestOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptDigest(deps, sub, run, ctx, attempt);
    } catch (e) {
      if (ctx.signal.aborted) return { kind: "released" };
      const d = decideFailure(e, attempt, sub.consecutiveFailures);
      deps.log.warn("digest attempt failed", { sub: sub.id, attempt, kind: d.kind, error: d.reason });
      if (d.retryInMs === null) {
        const later = retryLater(deps, run, d.kind);
        if (later !== null) {
          await failRun(deps.db, run.teamId, run.id, {
            owner: ctx.owner,
            error: d.reason,
            final: false,
            now: deps.clock.now(),
            retryAt: later,
          });
          deps.log.warn("digest run will be tried again", {
            sub: sub.id,
            retryAt: new Date(later).toISOString(),
          });
          return { kind: "retry_later", retryAt: later };
        }
        return recordFinalFailure(deps, sub, run, ctx.owner, d);
      }
      await ctx.sleep(d.retryInMs);
      if (ctx.signal.aborted) return { kind: "released" };
    }
  }
}
