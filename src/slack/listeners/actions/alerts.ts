/**
 * The buttons on an alert message: snooze 1 h, until tomorrow 08:00 (the rule's zone), 1 week;
 * mute and unmute. Only the rule's creator or a workspace admin may, from the rule's channel
 * (permissions.ts); the answer is ephemeral.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ALERT_ACTIONS, mutedReply, snoozedReply } from "../../../../templates/alert.ts";
import { errorReply, infoReply, noSuchItemReply } from "../../../../templates/replies.ts";
import { type SnoozeChoice, snoozeUntil } from "../../../alerts/snooze.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { messages } from "../../../i18n/index.ts";
import { muteAlertRule, snoozeAlertRule } from "../../../store/alerts.ts";
import { explainError } from "../../explain.ts";
import { answerMessages, languageInText } from "../../language.ts";
import { authorize } from "../../permissions.ts";
import { respondVia } from "../respond.ts";

const SNOOZES: Record<string, SnoozeChoice> = {
  [ALERT_ACTIONS.snooze1h]: "1h",
  [ALERT_ACTIONS.snoozeTomorrow]: "tomorrow",
  [ALERT_ACTIONS.snooze1w]: "1w",
};

/** Every action id this listener answers. */

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond"
>;

export async function alertButton(deps: AppDeps, { ack, body, action, respond }: Args): Promise<void> {
  await ack();
  const reply = respondVia(respond);
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const caller = { teamId, channelId: body.channel?.id ?? "", userId: body.user.id };
  const id = Number(action.value);
  const ws = await answerMessages(deps, teamId);
  try {
    // The alert message sits in the rule's channel; a press from anywhere else is refused there.
    const verdict = Number.isSafeInteger(id)
      ? await authorize(deps, caller, id, "change", "channel", ws)
      : { ok: false as const, reply: noSuchItemReply(0, ws) };
    if (!verdict.ok) return await reply(verdict.reply);
    if (verdict.item.kind !== "alert") {
      return await reply(infoReply(ws.t("manage.notAlert", { id })));
    }
    const rule = verdict.item.rule;
    // The rule's own lang= (its messages are in it), else the workspace's.
    const asked = languageInText(rule.query);
    const m = asked === null ? ws : messages(asked);
    const now = deps.clock.now();
    const choice = SNOOZES[action.action_id];
    if (choice !== undefined) {
      const until = snoozeUntil(choice, now, rule.timezone);
      await snoozeAlertRule(deps.db, teamId, rule.id, until, now);
      await reply(snoozedReply(rule.id, until, rule.timezone, m));
      return;
    }
    const muted = action.action_id === ALERT_ACTIONS.mute;
    await muteAlertRule(deps.db, teamId, rule.id, muted, now);
    await reply(mutedReply(rule.id, muted, m));
  } catch (e) {
    deps.log.warn("alert button failed", { action: action.action_id, error: e as Error });
    await reply(errorReply(explainError(e, ws), ws)).catch(() => {});
  }
}
