/**
 * The `/offers` slash command. Ack first (Slack gives 3 s): a mistake in the words is answered in
 * the ack itself, a report acks with "Working on it…" (or "busy" when its queue is full),
 * everything else acks empty and answers through response_url when done.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { busyReply, errorReply, workingReply } from "../../../../templates/replies.ts";
import type { AppDeps } from "../../../app/deps.ts";
import type { Place } from "../../../util/admission.ts";
import { parseCommand } from "../../commands/parse.ts";
import { explainError } from "../../explain.ts";
import { answerMessages, languageInText } from "../../language.ts";
import { runCommand } from "../../verbs/index.ts";
import { checkReportWords, reserveReport } from "../../verbs/report.ts";
import { openNewForm } from "../forms/open.ts";
import { respondVia } from "../respond.ts";

export async function offersCommand(
  deps: AppDeps,
  {
    command,
    ack,
    respond,
  }: Pick<SlackCommandMiddlewareArgs & AllMiddlewareArgs, "command" | "ack" | "respond">,
): Promise<void> {
  // The language is known before the first answer: a mistake is told in the reader's language too.
  const asked = languageInText(command.text ?? "");
  const m = await answerMessages(deps, command.team_id, asked);
  let cmd: ReturnType<typeof parseCommand>;
  try {
    cmd = parseCommand(command.text ?? "");
    if (cmd.verb === "report") checkReportWords(deps, cmd.words);
  } catch (e) {
    const reply = errorReply(explainError(e, m), m);
    await ack({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks as never });
    return;
  }
  const caller = {
    teamId: command.team_id,
    channelId: command.channel_id,
    userId: command.user_id,
    // Lets a web process hand a report to the workers, who answer the caller through it.
    ...(command.response_url ? { responseUrl: command.response_url } : {}),
  };
  if (cmd.verb === "form" && command.trigger_id) {
    // views.open needs the trigger within 3 s of the command: ack, then open at once.
    await ack();
    try {
      await openNewForm(deps, command.trigger_id, "digest", caller.channelId, true, caller.teamId);
    } catch (e) {
      deps.log.warn("could not open the form; showing help", { error: e as Error });
      await runCommand(deps, caller, { verb: "help" }, respondVia(respond));
    }
    return;
  }
  let place: Place | undefined;
  if (cmd.verb === "report") {
    // The turn is taken before the ack, without waiting: a full queue is answered in the ack itself,
    // and the report waits for its turn only after Slack has its answer.
    const reserved = reserveReport(deps);
    if (reserved === null) {
      deps.log.warn("report refused: queue full", { team: caller.teamId, channel: caller.channelId });
      await ack({ response_type: "ephemeral", ...busyReply(m) });
      return;
    }
    place = reserved;
    try {
      await ack({ response_type: "ephemeral", ...workingReply(cmd.words.join(" "), m) });
    } catch (e) {
      place.cancel();
      throw e;
    }
  } else await ack();
  await runCommand(deps, caller, cmd, respondVia(respond), place, m);
}
