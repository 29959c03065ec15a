/**
 * Sends a new alert's preview (sentence, 4-week chart, Keep / Discard) to its creator's DM with the
 * bot: an ephemeral answer cannot carry a file. Best effort: whatever fails here, the `/offers alert`
 * answer still goes out, saying where the chart is (or that it could not be sent).
 */
import {
  type AlertPreviewInput,
  decidedPreview,
  PREVIEW_EVENT_TYPE,
  type PreviewOutcome,
  previewMessage,
} from "../../../templates/alert-preview.ts";
import type { AppDeps } from "../../app/deps.ts";
import type { AlertChartInput } from "../../charts/types.ts";

/** Sent; sent without its chart; still on its way when the answer could wait no longer; failed (logged). */
export type PreviewDm = "sent" | "no_chart" | "late" | "failed";

/**
 * How long the `/offers alert` answer waits for the DM. Measured against the emulator, rendering 672
 * hourly buckets took 75-140 ms and the whole answer (preview, chart, upload, post) 0.1-0.4 s; 8 s
 * leaves room for a Slack retry, and past it the person learns the chart is on its way rather than
 * waiting longer for the id.
 */
export const PREVIEW_DM_WAIT_MS = 8_000;

export function previewRunKey(ruleId: number): string {
  return `alert-preview:${ruleId}`;
}

/** The DM channel with `userId` (conversations.open needs `im:write`). */
export async function dmChannel(deps: AppDeps, userId: string): Promise<string> {
  const opened = await deps.web.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (id === undefined) throw new Error(`Slack opened no DM with ${userId}`);
  return id;
}

async function send(
  deps: AppDeps,
  userId: string,
  p: AlertPreviewInput,
  chart: AlertChartInput | null,
): Promise<"sent" | "no_chart"> {
  const file = chart === null ? null : await deps.pipeline.renderAlertFile(deps.charts, chart, p.ruleId);
  if (chart !== null && file === null) deps.log.warn("alert preview chart failed", { id: p.ruleId });
  const channel = await dmChannel(deps, userId);
  const posted = await deps.delivery.post({
    channel,
    message: (ref) => previewMessage(p, ref),
    chart: file,
    runKey: previewRunKey(p.ruleId),
    eventType: PREVIEW_EVENT_TYPE,
  });
  if (posted.chartFailed) deps.log.warn("alert preview went out without its chart", { id: p.ruleId });
  // A chart shared into the thread after a refused image block still counts as sent with the preview.
  return file !== null && posted.fileId !== null ? "sent" : "no_chart";
}

/** Posts the preview DM, waiting at most `waitMs`; never throws. */
export async function sendPreviewDm(
  deps: AppDeps,
  userId: string,
  p: AlertPreviewInput,
  chart: AlertChartInput | null,
  waitMs = PREVIEW_DM_WAIT_MS,
): Promise<PreviewDm> {
  const done = send(deps, userId, p, chart).then(
    (outcome): PreviewDm => outcome,
    (e: unknown): PreviewDm => {
      deps.log.warn("alert preview DM failed", { id: p.ruleId, user: userId, error: e as Error });
      return "failed";
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), waitMs);
  });
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Replaces the preview DM's buttons with the outcome when the rule was discarded elsewhere (the
 * Discard on the `/offers alert` answer), so Keep cannot be pressed on a deleted rule. Best effort.
 */
export async function settlePreviewDm(
  deps: AppDeps,
  creatorId: string,
  ruleId: number,
  outcome: PreviewOutcome,
): Promise<void> {
  try {
    const channel = await dmChannel(deps, creatorId);
    // The preview is among the DM's newest messages: the bot writes there only for notices.
    const res = await deps.web.conversations.history({ channel, include_all_metadata: true, limit: 100 });
    const key = previewRunKey(ruleId);
    const hit = (res.messages ?? []).find(
      (m) => (m.metadata?.event_payload as Record<string, unknown> | undefined)?.run_key === key,
    );
    if (hit?.ts === undefined) return;
    const message = decidedPreview(hit.blocks ?? [], ruleId, outcome);
    await deps.delivery.update({ channel, ts: hit.ts, message });
  } catch (e) {
    deps.log.warn("could not update the alert preview DM", { id: ruleId, error: e as Error });
  }
}
