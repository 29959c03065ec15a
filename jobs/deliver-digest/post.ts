/**
 * One attempt at a digest run: prepare, check the claim is still ours, post, record. Throws what
 * the pipeline or Slack threw; the retry loop in deliver-digest.ts decides what that means.
 */

import type { AppDeps } from "../../src/app/deps.ts";
import { workspaceLanguage } from "../../src/app/language.ts";
import { depsForTeam } from "../../src/app/teams.ts";
import type { PostResult } from "../../src/delivery/index.ts";
import { type Lang, messages } from "../../src/i18n/index.ts";
import {
  type DigestDeps,
  type PreparedDigest,
  prepareDigest,
  sendDigest,
} from "../../src/pipeline/digest.ts";
import { csvFile } from "../../src/pipeline/digest-csv.ts";
import { skipDecision, whenFromWord } from "../../src/report/conditions.ts";
import { completeRun, type DeliveryRun, skipHeldRun } from "../../src/store/runs.ts";
import {
  recordSubscriptionSkipped,
  recordSubscriptionSuccess,
  type Subscription,
} from "../../src/store/subscriptions.ts";
import { skipReasonText } from "../../templates/conditions.ts";
import { csvFileComment, csvFileTitle } from "../../templates/digest-csv.ts";
import { renewRun } from "../heartbeat.ts";
import { LATE_AFTER_MS } from "../worker/context.ts";
import type { DigestOutcome, RunContext } from "./outcome.ts";

export function runKeyOf(subscriptionId: number, scheduledAt: number): string {
  return `digest:${subscriptionId}:${scheduledAt}`;
}

/** What the digest pipeline needs for one subscription: its zone is the default of its words. */
function digestDeps(deps: AppDeps, sub: Subscription, language?: Lang): DigestDeps {
  return {
    client: deps.placewise,
    defaultTimezone: sub.timezone,
    charts: deps.charts,
    ...(language === undefined ? {} : { defaultLanguage: language }),
    ...(deps.metrics ? { onRendered: deps.metrics.renderSeconds } : {}),
    // This workspace's own Slack (OAuth mode: deps are the team's).
    upload: (chart) => deps.delivery.upload(chart),
  };
}

/**
 * Starts making a claimed run's digest at once, before the run's turn in the pool: the burst's
 * fetches, charts and uploads then go ahead while earlier runs post. Nothing without sharing.
 */
export function warmDigest(deps: AppDeps, sub: Subscription, scheduledAt: number, signal: AbortSignal): void {
  if (deps.sharing === undefined) return;
  const sharing = deps.sharing;
  // The team's own deps (OAuth mode: its Placewise access and Slack token) and language; a team that
  // is gone fails in the run itself, with the run's own handling.
  void (async () => {
    const team = await depsForTeam(deps, sub.teamId);
    const language = await workspaceLanguage(team, sub.teamId);
    sharing.warm(sub.teamId, sub.query, scheduledAt, digestDeps(team, sub, language), signal);
  })().catch(() => {});
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
  const opts = {
    runKey,
    signal: ctx.signal,
    ...(late ? { late: { scheduledAt: run.scheduledAt } } : {}),
  };
  // Runs due together with the same query share one fetch, chart and upload (pipeline/shared-digest.ts).
  const language = await workspaceLanguage(deps, run.teamId);
  const { prepared, uploadedFileId } =
    deps.sharing === undefined
      ? {
          prepared: await prepareDigest(sub.query, run.scheduledAt, digestDeps(deps, sub, language), opts),
          uploadedFileId: null,
        }
      : await deps.sharing.prepare(
          sub.teamId,
          sub.query,
          run.scheduledAt,
          digestDeps(deps, sub, language),
          opts,
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
  // `when=`: judged on the numbers of the scheduled period, after the fetch and before any post.
  const decision = skipDecision(whenFromWord(sub.deliverWhen), prepared.report);
  if (decision.skip) {
    const reason = skipReasonText(decision);
    const now = deps.clock.now();
    await skipHeldRun(deps.db, run.teamId, run.id, { owner: ctx.owner, reason, now });
    await recordSubscriptionSkipped(deps.db, run.teamId, sub.id, { ranAt: run.scheduledAt, reason, now });
    deps.log.info("digest skipped", { sub: sub.id, at: new Date(run.scheduledAt).toISOString(), reason });
    return { kind: "skipped", reason };
  }
  // A taken-over run (attempts > 1) or a retry may already have posted: look first.
  const posted = await sendDigest(prepared, deps.delivery, {
    channel: sub.channelId,
    runKey,
    dedupe: run.attempts > 1 || attempt > 1,
    uploadedFileId,
  });
  if (sub.attachCsv && !posted.reused) await attachCsv(deps, prepared, posted);
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

/**
 * `csv=yes`: the numbers go into the digest's thread. Best effort, like a chart shared after a
 * fallback: the digest is out, and a failed attachment must not make the run fail and post again.
 */
async function attachCsv(deps: AppDeps, prepared: PreparedDigest, posted: PostResult): Promise<void> {
  try {
    const csv = prepared.csv();
    await deps.delivery.shareFile({
      channel: posted.channel,
      threadTs: posted.ts,
      // The file's words are in the digest's own language.
      file: csvFile(csv, csvFileTitle(prepared.report.title, messages(prepared.report.lang ?? "en"))),
      comment: csvFileComment(csv.rows, csv.total, messages(prepared.report.lang ?? "en")),
    });
  } catch (e) {
    deps.log.warn("could not attach the CSV to the digest", { ts: posted.ts, error: (e as Error).message });
  }
}
