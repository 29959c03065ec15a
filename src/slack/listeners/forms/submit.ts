/**
 * Saving a form. The submission is data its sender controls (an attacker can forge one with any
 * channel in private_metadata), so everything is checked again here: the command line by the same
 * parsers as typed words, mistakes shown on their field (`response_action: errors`) with nothing
 * saved; the person must be a member of the channel, the bot too, and an edit needs the same right
 * as pause or delete (permissions.ts). Then the modal closes and the same verb as the typed command
 * saves it; its answer goes to the person as an ephemeral message in the channel.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { FORM_BLOCKS, fieldErrors, formTexts } from "../../../../templates/forms.ts";
import { errorReply } from "../../../../templates/replies.ts";
import type { Reply } from "../../../../templates/reply.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { InputError } from "../../../util/errors.ts";
import type { Caller } from "../../deps.ts";
import { explainError } from "../../explain.ts";
import { checkForm, decodeMeta, formMessages } from "../../forms/check.ts";
import { readState, type StateValues } from "../../forms/state.ts";
import { authorize, botInChannel, isChannelMember } from "../../permissions.ts";
import { createAlert, editAlert } from "../../verbs/alert.ts";
import { editSubscription, subscribe } from "../../verbs/subscribe.ts";

type Args = Pick<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, "ack" | "body" | "view">;

export async function formSubmit(deps: AppDeps, { ack, body, view }: Args): Promise<void> {
  const meta = decodeMeta(view.private_metadata, deps.defaultTimezone);
  const state = readState((view.state?.values ?? {}) as StateValues, meta.state);
  const channelId = meta.channel !== "" ? meta.channel : state.channel;
  const caller: Caller = {
    teamId: body.team?.id ?? body.user.team_id ?? "",
    channelId,
    userId: body.user.id,
  };
  // Where a refusal about the channel is shown: its field, or the first field of a fixed-channel form.
  const channelBlock =
    meta.channel === ""
      ? FORM_BLOCKS.channel
      : state.kind === "digest"
        ? FORM_BLOCKS.range
        : FORM_BLOCKS.rule;
  const refuse = (block: string, message: string) =>
    ack({ response_action: "errors", errors: fieldErrors(block, message) });

  // Mistakes are said in the form's language (the workspace's, or the words' own lang=).
  const m = formMessages({ ...meta, state });
  const texts = formTexts(m);
  const check = checkForm(deps, state, m);
  if (!check.ok) return refuse(check.block, check.message);
  if (channelId === "") return refuse(channelBlock, texts.noChannel);
  // The bot first: a private channel it is not in cannot even tell who its members are.
  if (!(await botInChannel(deps, channelId))) return refuse(channelBlock, texts.botNotMember);
  if (!(await isChannelMember(deps.web, channelId, caller.userId)))
    return refuse(channelBlock, texts.notMember);
  if (meta.editId !== null) {
    const verdict = await authorize(deps, caller, meta.editId, "change", "channel");
    if (!verdict.ok) return refuse(channelBlock, verdict.reply.text.replace(/^:\w+: /, ""));
  }
  await ack();
  let reply: Reply;
  try {
    if (state.kind === "alert")
      reply =
        meta.editId !== null
          ? await editAlert(deps, caller, meta.editId, check.words, m)
          : await createAlert(deps, caller, check.words, m);
    else if (meta.editId !== null) reply = await editSubscription(deps, caller, meta.editId, check.words, m);
    else reply = await subscribe(deps, caller, check.words, m);
    deps.log.info("form saved", {
      team: caller.teamId,
      channel: channelId,
      by: caller.userId,
      command: check.command,
    });
  } catch (e) {
    if (!(e instanceof InputError)) deps.log.error("form save failed", { error: e as Error });
    reply = errorReply(explainError(e, m), m);
  }
  await deps.delivery
    .postEphemeral({ channel: channelId, user: caller.userId, message: reply })
    .catch((e) => deps.log.warn("could not answer the form", { error: (e as Error).message }));
}
