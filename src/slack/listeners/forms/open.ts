/**
 * Opening a form: `/offers` with no words (a new digest, switchable to an alert), "New digest" /
 * "New alert" on the Home tab and the list, "Edit" on a digest or an alert. A new form from a channel posts
 * there; from Home the person picks the channel. Edit opens prefilled, for whoever may change the
 * subscription (permissions.ts), and saves into its own channel.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { FORM_IDS, type FormKind } from "../../../../templates/forms.ts";
import { errorReply } from "../../../../templates/replies.ts";
import type { Reply } from "../../../../templates/reply.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { workspaceLanguage } from "../../../app/language.ts";
import type { Caller } from "../../deps.ts";
import { explainError } from "../../explain.ts";
import { type FormMeta, formView } from "../../forms/check.ts";
import { defaultState, stateFromAlertRule, stateFromSubscription } from "../../forms/state.ts";
import { authorize, type Surface } from "../../permissions.ts";
import { respondVia } from "../respond.ts";

/** Opens a new form in the workspace's language; `channelId` "" lets the person pick the channel (from Home). */
export async function openNewForm(
  deps: AppDeps,
  triggerId: string,
  kind: FormKind,
  channelId: string,
  canSwitchKind: boolean,
  teamId: string,
): Promise<void> {
  const meta: FormMeta = {
    channel: channelId,
    editId: null,
    canSwitchKind,
    state: defaultState(kind, deps.defaultTimezone),
    lang: await workspaceLanguage(deps, teamId),
  };
  await deps.web.views.open({ trigger_id: triggerId, view: formView(deps, meta) as never });
}

/** Opens the Edit form of subscription or alert #id, or answers why not. */
export async function openEditForm(
  deps: AppDeps,
  triggerId: string,
  caller: Caller,
  id: number,
  surface: Surface,
): Promise<Reply | null> {
  const verdict = await authorize(deps, caller, id, "change", surface);
  if (!verdict.ok) return verdict.reply;
  const item = verdict.item;
  const lang = await workspaceLanguage(deps, caller.teamId);
  // Each button opens its own kind's form: an alert's Edit the alert form, prefilled from the rule.
  const meta: FormMeta =
    item.kind === "digest"
      ? {
          channel: item.subscription.channelId,
          editId: item.subscription.id,
          canSwitchKind: false,
          state: stateFromSubscription(item.subscription, deps.defaultTimezone),
          // The subscription's own lang= (kept in "More words") wins over this (check.ts formMessages).
          lang,
        }
      : {
          channel: item.rule.channelId,
          editId: item.rule.id,
          canSwitchKind: false,
          state: stateFromAlertRule(item.rule, deps.defaultTimezone),
          lang,
        };
  await deps.web.views.open({ trigger_id: triggerId, view: formView(deps, meta) as never });
  return null;
}

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond"
>;

export async function openButton(deps: AppDeps, { ack, body, action, respond }: Args): Promise<void> {
  await ack();
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const channelId = body.channel?.id ?? "";
  const fromHome = body.view?.type === "home" || channelId === "";
  const caller = { teamId, channelId, userId: body.user.id };
  const id = action.action_id;
  try {
    if (id === FORM_IDS.editDigest || id === FORM_IDS.editAlert) {
      const value = "value" in action ? Number(action.value) : Number.NaN;
      const refusal = await openEditForm(deps, body.trigger_id, caller, value, fromHome ? "home" : "channel");
      if (refusal !== null) {
        deps.log.info("edit form refused", { id: value, by: caller.userId, answer: refusal.text });
        if (!fromHome) await respondVia(respond)(refusal);
      }
      return;
    }
    const kind: FormKind = id === FORM_IDS.newAlert ? "alert" : "digest";
    await openNewForm(deps, body.trigger_id, kind, fromHome ? "" : channelId, false, teamId);
  } catch (e) {
    deps.log.warn("could not open the form", { action: id, error: e as Error });
    if (!fromHome) await respondVia(respond)(errorReply(explainError(e))).catch(() => {});
  }
}
