/**
 * Buttons on `/offers list` and the Home tab: run now, pause or resume, delete (after its confirm
 * dialog). The same rules as the typed commands apply (permissions.ts); a list message is refreshed in
 * place. A Home press has nowhere to answer: the view is republished, a refusal only logged.
 */
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { ACTION_IDS, listReply } from "../../../../templates/item-list.ts";
import { errorReply } from "../../../../templates/replies.ts";
import type { AppDeps } from "../../../app/deps.ts";
import type { ItemVerb } from "../../commands/parse.ts";
import { explainError } from "../../explain.ts";
import { channelItems, publishHome } from "../../item-views.ts";
import { answerMessages } from "../../language.ts";
import { manageItem } from "../../verbs/manage.ts";
import { respondVia } from "../respond.ts";
import { settleAfterDelete } from "./alert-preview.ts";

const VERBS: Record<string, ItemVerb> = {
  [ACTION_IDS.run]: "run",
  [ACTION_IDS.pause]: "pause",
  [ACTION_IDS.resume]: "resume",
  [ACTION_IDS.delete]: "delete",
};

type Args = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond"
>;

export async function itemButton(deps: AppDeps, { ack, body, action, respond }: Args): Promise<void> {
  await ack();
  const verb = VERBS[action.action_id];
  const id = Number(action.value);
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const userId = body.user.id;
  const channelId = body.channel?.id ?? "";
  const fromHome = body.view?.type === "home" || channelId === "";
  const reply = respondVia(respond);
  const m = await answerMessages(deps, teamId);
  try {
    if (verb === undefined || !Number.isSafeInteger(id))
      throw new Error(`unknown action ${action.action_id}`);
    const answer = await manageItem(
      deps,
      { teamId, channelId, userId },
      verb,
      id,
      fromHome ? "home" : "channel",
      m,
    );
    if (fromHome) {
      deps.log.info("home button", { id, verb, by: userId, answer: answer.text });
      await publishHome(deps, teamId, userId);
      return;
    }
    // Discard on the `/offers alert` answer: the answer becomes the outcome, and the preview DM too.
    // A refusal is said beside it, so the answer keeps its button for the one who may.
    if (action.block_id.startsWith("alert_saved_")) {
      const gone = verb === "delete" && (await settleAfterDelete(deps, teamId, id));
      await reply(gone ? { ...answer, replaceOriginal: true } : answer);
      return;
    }
    // Refresh the list the button sat in, then say what happened.
    if (body.container?.type === "message") {
      await reply({ ...listReply(await channelItems(deps, teamId, channelId, m), m), replaceOriginal: true });
    }
    await reply(answer);
  } catch (e) {
    deps.log.warn("button failed", { action: action.action_id, error: e as Error });
    if (!fromHome) await reply(errorReply(explainError(e, m), m)).catch(() => {});
  }
}
