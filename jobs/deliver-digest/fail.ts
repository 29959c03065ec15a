/**
 * A digest run that failed for good: record it on the run and the subscription, pause the
 * subscription when the failure cannot heal, and tell the creator once.
 */

import type { AppDeps } from "../../src/app/deps.ts";
import { workspaceLanguage } from "../../src/app/language.ts";
import { messages } from "../../src/i18n/index.ts";
import { type DeliveryRun, failRun } from "../../src/store/runs.ts";
import {
  recordSubscriptionFailure,
  type Subscription,
  setSubscriptionState,
} from "../../src/store/subscriptions.ts";
import { digestFailedNotice, digestPausedNotice } from "../../templates/notices.ts";
import type { FailureDecision } from "../failure.ts";
import { tellOnce } from "../tell-once.ts";
import type { DigestOutcome } from "./outcome.ts";

export async function recordFinalFailure(
  deps: AppDeps,
  sub: Subscription,
  run: DeliveryRun,
  owner: string,
  d: FailureDecision & { reason: string },
): Promise<DigestOutcome> {
  const now = deps.clock.now();
  await failRun(deps.db, run.teamId, run.id, { owner, error: d.reason, final: true, now });
  await recordSubscriptionFailure(deps.db, run.teamId, sub.id, {
    error: d.reason,
    ranAt: run.scheduledAt,
    now,
  });
  const tell = { teamId: sub.teamId, user: sub.creatorId, now, about: { sub: sub.id } };
  const m = messages(await workspaceLanguage(deps, sub.teamId));
  if (d.pauseReason !== null) {
    await setSubscriptionState(deps.db, run.teamId, sub.id, { state: "paused", reason: d.pauseReason, now });
    await tellOnce(deps, {
      ...tell,
      key: `paused:${sub.id}:${run.scheduledAt}`,
      message: digestPausedNotice({ id: sub.id, channelId: sub.channelId, reason: d.pauseReason }, m),
    });
    return { kind: "failed", reason: d.reason, paused: true };
  }
  if (d.notifyCreator)
    await tellOnce(deps, {
      ...tell,
      key: `failed:${sub.id}:${run.scheduledAt}`,
      message: digestFailedNotice(
        {
          id: sub.id,
          scheduledAt: run.scheduledAt,
          timezone: sub.timezone,
          reason: d.reason,
        },
        m,
      ),
    });
  return { kind: "failed", reason: d.reason, paused: false };
}
