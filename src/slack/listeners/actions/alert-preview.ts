/**
 * Keep and Discard on an alert's preview DM. Keep changes nothing (the rule is on from the start);
 * Discard deletes the rule. The DM is the creator's own, so only the creator may press either.
 * Either way the DM is edited in place: the buttons give way to the outcome, the chart stays.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decidedPreview, PREVIEW_ACTIONS, type PreviewOutcome } from "../../../../templates/alert-preview.ts";
import { errorReply, infoReply } from "../../../../templates/replies.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { messages } from "../../../i18n/index.ts";
import { getAlertRule } from "../../../store/alerts.ts";
import { explainError } from "../../explain.ts";
import { answerMessages, languageInText } from "../../language.ts";
import { authorize } from "../../permissions.ts";
import { settlePreviewDm } from "../../verbs/alert-preview.ts";
import { manageItem } from "../../verbs/manage.ts";
import { respondVia } from "../respond.ts";

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond"
>;

async function isDeleted(deps: AppDeps, teamId: string, id: number): Promise<boolean> {
  const rule = await getAlertRule(deps.db, teamId, id);
  return rule === null || rule.state === "deleted";
}

export async function previewButton(deps: AppDeps, { ack, body, action, respond }: Args): Promise<void> {
  await ack();
  const reply = respondVia(respond);
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const userId = body.user.id;
  const channelId = body.channel?.id ?? "";
  const caller = { teamId, channelId, userId };
  const id = Number(action.value);
  const ws = await answerMessages(deps, teamId);
  try {
    if (!Number.isSafeInteger(id)) throw new Error(`button ${action.action_id} carries no rule id`);
    // The DM is the creator's own: only they may keep or discard here (permissions.ts, "dm").
    const verdict = await authorize(deps, caller, id, "change", "dm", ws);
    const rule = await getAlertRule(deps.db, teamId, id);
    // The outcome is said in the rule's language, as the preview was.
    const asked = rule === null ? null : languageInText(rule.query);
    const m = asked === null ? ws : messages(asked);
    // Discarded elsewhere already (the answer's Discard, `/offers delete`): its creator's press in
    // the DM still settles the buttons; anyone else is told why and the buttons stay.
    const goneButOwn = rule?.state === "deleted" && rule.creatorId === userId && channelId.startsWith("D");
    if (!verdict.ok && !goneButOwn) return await reply(verdict.reply);
    let outcome: PreviewOutcome = goneButOwn ? "discarded" : "kept";
    if (verdict.ok && action.action_id === PREVIEW_ACTIONS.discard) {
      const answer = await manageItem(deps, caller, "delete", id, "dm", m);
      if (!(await isDeleted(deps, teamId, id))) return await reply(answer);
      outcome = "discarded";
    }
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (ts === undefined || channelId === "")
      return await reply(infoReply(decidedPreview([], id, outcome, m).text));
    const message = decidedPreview(body.message?.blocks ?? [], id, outcome, m);
    await deps.delivery.update({ channel: channelId, ts, message });
  } catch (e) {
    deps.log.warn("alert preview button failed", { action: action.action_id, error: e as Error });
    await reply(errorReply(explainError(e, ws), ws)).catch(() => {});
  }
}

/**
 * After Discard on the `/offers alert` answer deleted the rule, settle its preview DM as well.
 * False when the rule is still there (the press was refused).
 */
export async function settleAfterDelete(deps: AppDeps, teamId: string, id: number): Promise<boolean> {
  const rule = await getAlertRule(deps.db, teamId, id);
  if (rule?.state !== "deleted") return false;
  await settlePreviewDm(deps, rule.creatorId, id, "discarded");
  return true;
}
