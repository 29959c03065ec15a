/**
 * One attempt at a digest run: prepare, check the claim is still ours, post, record. Throws what
 * the pipeline or Slack threw; the retry loop in deliver-digest.ts decides what that means.
 */

import type { AppDeps } from "../../src/app/deps.ts";
import { prepareDigest, sendDigest } from "../../src/pipeline/digest.ts";
import { completeRun, type DeliveryRun } from "../../src/store/runs.ts";
import { recordSubscriptionSuccess, type Subscription } from "../../src/store/subscriptions.ts";
import { renewRun } from "../heartbeat.ts";
import { LATE_AFTER_MS } from "../worker/context.ts";
import type { DigestOutcome, RunContext } from "./outcome.ts";

export function runKeyOf(subscriptionId: number, scheduledAt: number): string {
  return `digest:${subscriptionId}:${scheduledAt}`;
}

export async function attemptDigest(
  deps: AppDeps,
  sub: Subscription,
  run: DeliveryRun,
  ctx: RunContext,
  attempt: number,
): Promise<DigestOutcome> {
  const runKey = runKeyOf(sub.id, run.scheduledAt);
  // Late is also decided now, not only at the claim: a run claimed on time that waited out a
  // Placewise outage in its retries goes out minutes after its time and must say so (RELIABILITY.md).
  const late = run.late || deps.clock.now() - run.scheduledAt > LATE_AFTER_MS;
  const prepared = await prepareDigest(
    sub.query,
    run.scheduledAt,
    {
      client: deps.placewise,
      defaultTimezone: sub.timezone,
      ...(deps.metrics ? { onRendered: deps.metrics.renderSeconds } : {}),
    },
    { runKey, signal: ctx.signal, ...(late ? { late: { scheduledAt: run.scheduledAt } } : {}) },
  );
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
  });
  const now = deps.clock.now();
  await completeRun(deps.db, run.teamId, run.id, {
    owner: ctx.owner,
    now,
    slackChannel: posted.channel,
    slackTs: posted.ts,
    fileId: posted.fileId,
    late,
  });
  await recordSubscriptionSuccess(deps.db, run.teamId, sub.id, { ranAt: run.scheduledAt, now });
  deps.log.info("digest delivered", {
    sub: sub.id,
    at: new Date(run.scheduledAt).toISOString(),
    late,
    reused: posted.reused,
  });
  return { kind: "delivered", channel: posted.channel, ts: posted.ts, reused: posted.reused };
}
