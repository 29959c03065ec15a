/**
 * One attempt at a digest run: prepare, check the claim is still ours, post, record. Throws what
 * the pipeline or Slack threw; the retry loop in deliver-digest.ts decides what that means.
 */

import type { AppDeps } from "../../src/app/deps.ts";
import { type DigestDeps, prepareDigest, sendDigest } from "../../src/pipeline/digest.ts";
import { completeRun, type DeliveryRun } from "../../src/store/runs.ts";
import { recordSubscriptionSuccess, type Subscription } from "../../src/store/subscriptions.ts";
import { renewRun } from "../heartbeat.ts";
import type { DigestOutcome, RunContext } from "./outcome.ts";

export function runKeyOf(subscriptionId: number, scheduledAt: number): string {
  return `digest:${subscriptionId}:${scheduledAt}`;
}

/** What the digest pipeline needs for one subscription: its zone is the default of its words. */
function digestDeps(deps: AppDeps, sub: Subscription): DigestDeps {
  return {
    client: deps.placewise,
    defaultTimezone: sub.timezone,
    ...(deps.metrics ? { onRendered: deps.metrics.renderSeconds } : {}),
  };
}

/**
 * Starts making a claimed run's digest at once, before the run's turn in the pool: the burst's
 * fetches, charts and uploads then go ahead while earlier runs post. Nothing without sharing.
 */
export function warmDigest(deps: AppDeps, sub: Subscription, scheduledAt: number, signal: AbortSignal): void {
  deps.sharing?.warm(sub.teamId, sub.query, scheduledAt, digestDeps(deps, sub), signal);
}

export async function attemptDigest(
  deps: AppDeps,
  sub: Subscription,
  run: DeliveryRun,
  ctx: RunContext,
  attempt: number,
): Promise<DigestOutcome> {
  const runKey = runKeyOf(sub.id, run.scheduledAt);
  const opts = {
    runKey,
    signal: ctx.signal,
    ...(run.late ? { late: { scheduledAt: run.scheduledAt } } : {}),
  };
  // Runs due together with the same query share one fetch, chart and upload (pipeline/shared-digest.ts).
  const { prepared, uploadedFileId } =
    deps.sharing === undefined
      ? {
          prepared: await prepareDigest(sub.query, run.scheduledAt, digestDeps(deps, sub), opts),
          uploadedFileId: null,
        }
      : await deps.sharing.prepare(sub.teamId, sub.query, run.scheduledAt, digestDeps(deps, sub), opts);
  // Post only while the claim is still ours: a run that waited in the queue past its lease may
  // have been taken over, and then the other worker posts it (one message per run key).
  if (!(await renewRun(deps, run, ctx))) {
    deps.log.warn("lost the claim before posting; the worker that took it over delivers it", {
      sub: sub.id,
      at: new Date(run.scheduledAt).toISOString(),
    });
    return { kind: "lost" };
  }
  // A taken-over run (attempts > 1) or a retry may already have posted: look first.
  const posted = await sendDigest(prepared, deps.delivery, {
    channel: sub.channelId,
    runKey,
    dedupe: run.attempts > 1 || attempt > 1,
    uploadedFileId,
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
  return { kind: "delivered", channel: posted.channel, ts: posted.ts, reused: posted.reused };
}
