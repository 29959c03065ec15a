/**
 * The `/offers` slash command. Ack first (Slack gives 3 s): a mistake in the words is answered in
 * the ack itself, a report acks with "Working on it…", everything else acks empty and answers
 * through response_url when done.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { errorReply, workingReply } from "../../../../templates/replies.ts";
import { parseCommand } from "../../commands/parse.ts";
import type { BotDeps } from "../../deps.ts";
import { explainError } from "../../explain.ts";
import { runCommand } from "../../verbs/index.ts";
import { checkReportWords } from "../../verbs/report.ts";
import { respondVia } from "../respond.ts";

export async function offersCommand(
  deps: BotDeps,
  {
    command,
    ack,
    respond,
  }: Pick<SlackCommandMiddlewareArgs & AllMiddlewareArgs, "command" | "ack" | "respond">,
): Promise<void> {
  let cmd: ReturnType<typeof parseCommand>;
  try {
    cmd = parseCommand(command.text ?? "");
    if (cmd.verb === "report") checkReportWords(deps, cmd.words);
  } catch (e) {
    const reply = errorReply(explainError(e));
    await ack({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks as never });
    return;
  }
  if (cmd.verb === "report") await ack({ response_type: "ephemeral", ...workingReply(cmd.words.join(" ")) });
  else await ack();
  const caller = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  await runCommand(deps, caller, cmd, respondVia(respond));
}
