/**
 * Job `evaluate-alert`: judges each active rule once per completed bucket. Each (rule, bucket) is
 * claimed with one conditional write (claimEvaluation, as digests claim runs), so however many
 * workers tick the same minute, one judges it and one message goes out. Buckets of one rule are
 * judged in order: a worker that loses a claim stops there for this tick, because the state after
 * bucket b is what bucket b+1 starts from.
 */

import type { AppDeps } from "../src/app/deps.ts";
import { workspaceLanguage } from "../src/app/language.ts";
import { depsForTeam } from "../src/app/teams.ts";
import { DeliveryError } from "../src/delivery/index.ts";
import { messages } from "../src/i18n/index.ts";
import { fetchHistory } from "../src/pipeline/alert/history.ts";
import { judge, toLifecycle, type Verdict } from "../src/pipeline/alert/judge.ts";
import { type AlertPlan, dueBuckets, planAlert } from "../src/pipeline/alert/plan.ts";
import { nextBucket } from "../src/placewise/grid.ts";
import { listAlertStates, upsertAlertState } from "../src/store/alert-states.ts";
import {
  type AlertRuleRecord,
  activeAlertRules,
  setAlertRuleState,
  setLastEvaluatedBucket,
} from "../src/store/alerts.ts";
import {
  type EvaluationRecord as Claim,
  claimEvaluation,
  completeEvaluation,
  failEvaluation,
  getEvaluation,
} from "../src/store/evaluations.ts";
import type { Logger } from "../src/util/log.ts";
import { alertPausedNotice } from "../templates/notices.ts";
import { type Posted, sendNotification } from "./alerts/notify.ts";
import { classify } from "./failure.ts";
import { tellOnce } from "./tell-once.ts";

export interface AlertJobContext {
  readonly owner: string;
  readonly leaseMs: number;
  readonly log: Logger;
  readonly signal?: AbortSignal;
}

/** Claims of one bucket after which a failing evaluation is given up and the rule moves on. */
export const MAX_EVALUATION_ATTEMPTS = 3;
/** A failed attempt may be claimed again after this: by the next minute's tick (ticks are 60 s apart). */
const RETRY_AFTER_MS = 50_000;

export interface LabelOutcome {
  readonly label: string;
  readonly status: string;
  readonly notified: string | null;
  readonly value: number;
  readonly learning: boolean;
  readonly reason: string;
}

/** Judges one claimed bucket for every label, notifies, then stores all states at once. */
export async function evaluateAlertBucket(
  deps: AppDeps,
  rule: AlertRuleRecord,
  plan: AlertPlan,
  claim: Claim,
  ctx: AlertJobContext,
): Promise<LabelOutcome[]> {
  const bucket = claim.bucketStart;
  const states = await listAlertStates(deps.db, rule.teamId, rule.id);
  const history = await fetchHistory(
    deps.placewise,
    plan,
    bucket - plan.historyMs,
    nextBucket(bucket, plan.interval, plan.timezone),
    states.map((s) => s.labelKey),
    ctx.signal,
  );
  const silence = { snoozedUntil: rule.snoozedUntil, muted: rule.muted };
  const judged: { label: (typeof history.labels)[number]; verdict: Verdict; posted: Posted | null }[] = [];
  for (const label of history.labels) {
    const stored = states.find((s) => s.labelKey === label.key) ?? null;
    const verdict = judge(plan, label, bucket, toLifecycle(stored), silence);
    const n = verdict.step.notify;
    const shown =
      stored?.messageTs != null && stored.messageChannel !== null
        ? { channel: stored.messageChannel, ts: stored.messageTs }
        : null;
    // Notifications go out before any state is stored: a retry recomputes the same verdicts from the
    // same states, and the run keys keep it from posting twice.
    const posted =
      n === null
        ? shown
        : await sendNotification(deps, {
            rule,
            plan,
            label,
            notify: n,
            recent: verdict.recent,
            // Reminders and the resolution edit this incident's message, never an older one's.
            message: stored?.incidentStartedAt === n.incidentStartedAt ? shown : null,
            retry: claim.attempts > 1,
            lang: await workspaceLanguage(deps, rule.teamId),
          });
    judged.push({ label, verdict, posted: posted ?? shown });
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const { label, verdict, posted } of judged) {
      const s = verdict.step.state;
      await upsertAlertState(trx, rule.teamId, {
        ruleId: rule.id,
        teamId: rule.teamId,
        labelKey: label.key,
        ...s,
        since: s.since ?? bucket,
        messageChannel: posted?.channel ?? null,
        messageTs: posted?.ts ?? null,
        lastValue: verdict.evaluation.value,
        now,
      });
    }
  });
  return judged.map(({ label, verdict }) => ({
    label: label.key,
    status: verdict.step.state.status,
    notified: verdict.step.notify?.kind ?? null,
    value: verdict.evaluation.value,
    learning: verdict.evaluation.learning,
    reason: verdict.evaluation.reason,
  }));
}

/** Judges the due buckets of one rule in order; returns how many this worker judged. */
export async function evaluateRule(
  deps: AppDeps,
  rule: AlertRuleRecord,
  ctx: AlertJobContext,
): Promise<number> {
  const now = deps.clock.now();
  const plan = planAlert(rule.ruleText, rule.query, rule.timezone, now);
  const due = dueBuckets(rule.lastEvaluatedBucket, now, plan.interval, plan.timezone);
  if (due.length > 1) {
    // Catching up: one fetch of the whole span fills the client's cache, then each bucket is a hit.
    const last = due[due.length - 1] as number;
    await fetchHistory(
      deps.placewise,
      plan,
      (due[0] as number) - plan.historyMs,
      nextBucket(last, plan.interval, plan.timezone),
      [],
      ctx.signal,
    );
  }
  let judged = 0;
  for (const bucket of due) {
    if (ctx.signal?.aborted) break;
    const key = { teamId: rule.teamId, ruleId: rule.id, bucketStart: bucket, owner: ctx.owner };
    // Every line about this bucket carries the rule and the bucket, the alert pass's run id.
    const log = ctx.log.child({ rule: rule.id, bucket: new Date(bucket).toISOString() });
    const claim = await claimEvaluation(deps.db, { ...key, leaseMs: ctx.leaseMs, now: deps.clock.now() });
    if (claim === null) {
      // Finished by another worker (which stored its state first): go on after it. Still held: stop.
      const other = await getEvaluation(deps.db, rule.teamId, rule.id, bucket);
      if (other?.state === "claimed") break;
      await setLastEvaluatedBucket(deps.db, rule.teamId, rule.id, bucket);
      continue;
    }
    try {
      const labels = await evaluateAlertBucket({ ...deps, log }, rule, plan, claim, { ...ctx, log });
      await completeEvaluation(deps.db, key, { result: { labels }, now: deps.clock.now() });
      await setLastEvaluatedBucket(deps.db, rule.teamId, rule.id, bucket);
      judged++;
    } catch (e) {
      const { kind, reason } = classify(e);
      const final = kind === "permanent" || claim.attempts >= MAX_EVALUATION_ATTEMPTS;
      const at = deps.clock.now();
      log.warn("alert evaluation failed", { final, error: reason });
      await failEvaluation(deps.db, key, { error: reason, final, now: at, retryAt: at + RETRY_AFTER_MS });
      // A bucket given up is skipped (its state unchanged); a retried one holds the later buckets back.
      if (final) await setLastEvaluatedBucket(deps.db, rule.teamId, rule.id, bucket);
      // Slack refusing for good (bot removed, channel archived) would fail every bucket: pause instead.
      if (e instanceof DeliveryError && e.kind === "permanent") await pauseRule(deps, rule, reason, at);
      break;
    }
  }
  return judged;
}

/** Pauses a rule Slack refuses to post for, and tells its creator once (as digests do). */
async function pauseRule(deps: AppDeps, rule: AlertRuleRecord, reason: string, now: number): Promise<void> {
  await setAlertRuleState(deps.db, rule.teamId, rule.id, { state: "paused", reason, now });
  await tellOnce(deps, {
    teamId: rule.teamId,
    user: rule.creatorId,
    key: `alert-paused:${rule.id}:${now}`,
    now,
    message: alertPausedNotice(
      { id: rule.id, channelId: rule.channelId, reason },
      messages(await workspaceLanguage(deps, rule.teamId)),
    ),
    about: { rule: rule.id },
  });
}

/** The alert part of the worker's minute tick: every active rule, one after another. */
export async function evaluateDueAlerts(deps: AppDeps, ctx: AlertJobContext): Promise<number> {
  let judged = 0;
  for (const rule of await activeAlertRules(deps.db)) {
    if (ctx.signal?.aborted) break;
    try {
      // OAuth mode: the rule's team's own Slack token and Placewise access (src/app/teams.ts).
      judged += await evaluateRule(await depsForTeam(deps, rule.teamId), rule, ctx);
    } catch (e) {
      ctx.log.error("could not evaluate an alert rule", { rule: rule.id, error: e as Error });
    }
  }
  return judged;
}
