/**
 * `/offers` in OAuth mode: `connect` and `disconnect` manage the workspace's Placewise access
 * (connect.ts); a command that needs numbers from a workspace that has not connected is answered with
 * the way to connect; everything else is the ordinary command with the team's own deps.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { notConnectedReply } from "../../../../templates/connect.ts";
import type { AppDeps } from "../../../app/deps.ts";
import { answerMessages, languageInText } from "../../language.ts";
import { connectDemoCommand, disconnectCommand, openConnectModal } from "../connect.ts";
import { offersCommand } from "./offers.ts";

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Verbs (and their aliases, commands/parse.ts) that fetch from Placewise. */
const NEEDS_PLACEWISE = new Set(["report", "show", "digest", "subscribe", "schedule", "sub", "alert", "run"]);

export async function teamCommand(deps: AppDeps, args: Args): Promise<void> {
  const teams = deps.teams;
  if (teams === undefined) return offersCommand(deps, args);
  const { command, ack } = args;
  const [first = "", second = ""] = (command.text ?? "").trim().toLowerCase().split(/\s+/);
  const scope = await teams.scope(command.team_id);
  if (!scope.installed) {
    await ack({
      response_type: "ephemeral",
      text: "offer-digest is not installed in this workspace: add it again from its install page.",
    });
    return;
  }
  const caller = { teamId: command.team_id, channelId: command.channel_id, userId: command.user_id };
  if (first === "connect" && second === "demo") return connectDemoCommand(scope.deps, caller, ack);
  if (first === "connect") return openConnectModal(scope.deps, caller, command.trigger_id, ack);
  if (first === "disconnect") return disconnectCommand(scope.deps, caller, ack);
  if (!scope.connected && NEEDS_PLACEWISE.has(first)) {
    const reply = notConnectedReply(
      await answerMessages(deps, command.team_id, languageInText(command.text ?? "")),
    );
    await ack({ response_type: "ephemeral", text: reply.text, blocks: reply.blocks as never });
    return;
  }
  return offersCommand(scope.deps, args);
}
