/**
 * Job `deliver-digest`: one claimed run of one subscription. The report period comes from the
 * scheduled time, never from "now" (STYLE.md #5), so a late or backfilled digest covers the right
 * hours. Posting is last and tagged with the run key; a run taken over after a crash looks for its
 * own message before posting again.
 */
import { prepareDigest, sendDigest } from "../src/pipeline/digest.ts";
import { whenInWords } from "../src/report/when.ts";
import type { BotDeps } from "../src/slack/deps.ts";
import { noticeOnce } from "../src/store/notices.ts";
import { completeRun, type DeliveryRun, extendLease, failRun } from "../src/store/runs.ts";
import {
  getSubscription,
  recordSubscriptionFailure,
  recordSubscriptionSuccess,
  type Subscription,
  setSubscriptionState,
} from "../src/store/subscriptions.ts";
import { decideFailure } from "./failure.ts";

export interface RunContext {
  readonly owner: string;
  readonly leaseMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Aborted on shutdown: the run stops between steps and hands its lease back. */
  readonly signal: AbortSignal;
}

export function runKeyOf(subscriptionId: number, scheduledAt: number): string {
  return `digest:${subscriptionId}:${scheduledAt}`;
}

async function tellCreator(deps: BotDeps, sub: Subscription, key: string, text: string): Promise<void> {
  if (!(await noticeOnce(deps.db, sub.teamId, key, deps.clock.now()))) return;
  await deps.delivery
    .dm({ user: sub.creatorId, message: { text } })
    .catch((e) => deps.log.warn("could not tell the creator", { sub: sub.id, error: e as Error }));
}

/**
 * Delivers one run; never throws (the outcome is recorded). Returns "delivered", "failed",
 * "released" (shutdown) or "lost" (another worker took the claim over).
 */
export async function deliverDigest(deps: BotDeps, run: DeliveryRun, ctx: RunContext): Promise<string> {
  const sub = await getSubscription(deps.db, run.teamId, run.subscriptionId);
  if (sub === null || sub.state !== "active") {
    await failRun(deps.db, run.teamId, run.id, {
      owner: ctx.owner,
      error: "subscription no longer active",
      final: true,
      now: deps.clock.now(),
    });
    return "failed";
  }
  const runKey = runKeyOf(sub.id, run.scheduledAt);
  // Keep the lease while working: a slow Placewise answer must not let another worker take over.
  const heartbeat = setInterval(
    () => {
      void extendLease(deps.db, run.teamId, run.id, {
        owner: ctx.owner,
        leaseUntil: deps.clock.now() + ctx.leaseMs,
      }).catch(() => {});
    },
    Math.max(1_000, ctx.leaseMs / 3),
  );
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const prepared = await prepareDigest(
          sub.query,
          run.scheduledAt,
          { client: deps.placewise, defaultTimezone: sub.timezone },
          { runKey, signal: ctx.signal, ...(run.late ? { late: { scheduledAt: run.scheduledAt } } : {}) },
        );
        // Post only while the claim is still ours: a run that waited in the queue past its lease may
        // have been taken over, and then the other worker posts it (one message per run key).
        const held = await extendLease(deps.db, run.teamId, run.id, {
          owner: ctx.owner,
          leaseUntil: deps.clock.now() + ctx.leaseMs,
        });
        if (!held) {
          deps.log.warn("lost the claim before posting; the worker that took it over delivers it", {
            sub: sub.id,
            at: new Date(run.scheduledAt).toISOString(),
          });
          return "lost";
        }
        // A taken-over run (attempts > 1) or a retry may already have posted: look first.
        const posted = await sendDigest(prepared, deps.delivery, {
          channel: sub.channelId,
          runKey,
          dedupe: run.attempts > 1 || attempt > 1,
        });
        const now = deps.clock.now();
        await completeRun(deps.db, run.teamId, run.id, {
          owner: ctx.owner,
          now,
          slackChannel: posted.channel,
          slackTs: posted.ts,
          fileId: posted.fileId,
        });
        await recordSubscriptionSuccess(deps.db, run.teamId, sub.id, { ranAt: run.scheduledAt, now });
        deps.log.info("digest delivered", {
          sub: sub.id,
          at: new Date(run.scheduledAt).toISOString(),
          late: run.late,
          reused: posted.reused,
        });
        return "delivered";
      } catch (e) {
        if (ctx.signal.aborted) return "released";
        const d = decideFailure(e, attempt, sub.consecutiveFailures);
        deps.log.warn("digest attempt failed", { sub: sub.id, attempt, kind: d.kind, error: d.reason });
        if (d.retryInMs !== null) {
          await ctx.sleep(d.retryInMs);
          if (ctx.signal.aborted) return "released";
          continue;
        }
        const now = deps.clock.now();
        await failRun(deps.db, run.teamId, run.id, { owner: ctx.owner, error: d.reason, final: true, now });
        await recordSubscriptionFailure(deps.db, run.teamId, sub.id, {
          error: d.reason,
          ranAt: run.scheduledAt,
          now,
        });
        const due = whenInWords(run.scheduledAt, sub.timezone);
        if (d.pauseReason !== null) {
          await setSubscriptionState(deps.db, run.teamId, sub.id, {
            state: "paused",
            reason: d.pauseReason,
            now,
          });
          await tellCreator(
            deps,
            sub,
            `paused:${sub.id}:${run.scheduledAt}`,
            `Your offer digest #${sub.id} in <#${sub.channelId}> is paused: ${d.pauseReason}. Fix that, then \`/offers resume ${sub.id}\`.`,
          );
        } else if (d.notifyCreator) {
          await tellCreator(
            deps,
            sub,
            `failed:${sub.id}:${run.scheduledAt}`,
            `Your offer digest #${sub.id} due ${due} (${sub.timezone}) could not be delivered: ${d.reason}. It will run again at its next time.`,
          );
        }
        return "failed";
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
}
