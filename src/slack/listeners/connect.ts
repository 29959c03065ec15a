/**
 * A workspace's Placewise access (OAuth mode): `/offers connect` and the Home tab's button open the
 * modal; its submission is checked with one small query and saved sealed (src/app/teams.ts);
 * `/offers disconnect` deletes the token. Only workspace admins and owners may do either: the token
 * decides what every channel of the workspace can see.
 */
import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from "@slack/bolt";
import {
  CONNECT_BLOCKS,
  connectedReply,
  connectFieldTexts,
  connectModal,
  demoConnectedReply,
  demoUnavailableReply,
  disconnectedReply,
  notConnectedToDisconnectReply,
  onlyAdminsReply,
} from "../../../templates/connect.ts";
import type { AppDeps } from "../../app/deps.ts";
import { normalizeCustomer } from "../../placewise/check-access.ts";
import type { Caller } from "../deps.ts";
import { publishHome } from "../item-views.ts";
import { answerMessages } from "../language.ts";
import { canManage } from "../permissions.ts";

type CommandAck = (r?: { response_type: "ephemeral"; text: string }) => Promise<void>;

/** A workspace admin or owner (users.info; refused when it cannot tell). */
const isAdmin = (deps: AppDeps, userId: string) => canManage(deps.web, userId, "");

export async function openConnectModal(
  deps: AppDeps,
  caller: Caller,
  triggerId: string,
  ack: CommandAck,
): Promise<void> {
  const m = await answerMessages(deps, caller.teamId);
  if (!(await isAdmin(deps, caller.userId))) {
    await ack({ response_type: "ephemeral", ...onlyAdminsReply(m) });
    return;
  }
  await ack();
  await deps.web.views.open({ trigger_id: triggerId, view: connectModal(caller.channelId, m) as never });
}

/** `/offers connect demo`: the built-in simulator as demo data, labelled in every message. */
export async function connectDemoCommand(deps: AppDeps, caller: Caller, ack: CommandAck): Promise<void> {
  const teams = deps.teams;
  if (teams === undefined) return;
  const m = await answerMessages(deps, caller.teamId);
  if (!(await isAdmin(deps, caller.userId))) {
    await ack({ response_type: "ephemeral", ...onlyAdminsReply(m) });
    return;
  }
  const done = await teams.connectDemo(caller.teamId, caller.userId);
  deps.log.info("demo data connected", { team: caller.teamId, by: caller.userId, available: done !== null });
  const reply = done === null ? demoUnavailableReply(m) : demoConnectedReply(done.timezone, m);
  await ack({ response_type: "ephemeral", text: reply.text });
}

export async function disconnectCommand(deps: AppDeps, caller: Caller, ack: CommandAck): Promise<void> {
  const teams = deps.teams;
  if (teams === undefined) return;
  const m = await answerMessages(deps, caller.teamId);
  if (!(await isAdmin(deps, caller.userId))) {
    await ack({ response_type: "ephemeral", ...onlyAdminsReply(m) });
    return;
  }
  const done = await teams.disconnect(caller.teamId);
  deps.log.info("placewise disconnected", { team: caller.teamId, by: caller.userId, paused: done.paused });
  const reply = done.removed ? disconnectedReply(done.paused, m) : notConnectedToDisconnectReply(m);
  await ack({ response_type: "ephemeral", text: reply.text });
}

type ButtonArgs = Pick<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs,
  "ack" | "body"
>;

/** The Home tab's "Connect Placewise" button. */
export async function connectButton(deps: AppDeps, { ack, body }: ButtonArgs): Promise<void> {
  await ack();
  if (!(await isAdmin(deps, body.user.id))) {
    deps.log.info("connect refused: not an admin", { user: body.user.id });
    return;
  }
  const m = await answerMessages(deps, body.team?.id ?? body.user.team_id ?? "");
  await deps.web.views.open({ trigger_id: body.trigger_id, view: connectModal(null, m) as never });
}

type ViewArgs = Pick<SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs, "ack" | "body" | "view">;

function fieldValue(view: ViewSubmitAction["view"], block: string, action: string): string {
  const v = view.state.values[block]?.[action];
  return (v?.value ?? v?.selected_option?.value ?? "").trim();
}

/** The modal's submission: errors are shown in the modal; nothing is saved unless the check passes. */
export async function connectSubmission(deps: AppDeps, { ack, body, view }: ViewArgs): Promise<void> {
  const teams = deps.teams;
  const teamId = body.team?.id ?? body.user.team_id ?? "";
  const m = await answerMessages(deps, teamId);
  if (teams === undefined || !(await isAdmin(deps, body.user.id))) {
    await ack({
      response_action: "errors",
      errors: { [CONNECT_BLOCKS.token.block]: onlyAdminsReply(m).text },
    });
    return;
  }
  const B = CONNECT_BLOCKS;
  const customer = normalizeCustomer(fieldValue(view, B.customer.block, B.customer.action));
  const kind = fieldValue(view, B.kind.block, B.kind.action);
  const token = fieldValue(view, B.token.block, B.token.action);
  const errors: Record<string, string> = {};
  const said = connectFieldTexts(m);
  if (customer === null) errors[B.customer.block] = said.badCustomer;
  if (kind !== "user" && kind !== "client") errors[B.kind.block] = said.badKind;
  if (token.length < 8 || /\s/.test(token)) errors[B.token.block] = said.badToken;
  if (Object.keys(errors).length > 0) {
    await ack({ response_action: "errors", errors });
    return;
  }
  const result = await teams.connect(teamId, body.user.id, {
    customer: customer as string,
    tokenKind: kind as "user" | "client",
    token,
  });
  if (!result.ok) {
    await ack({ response_action: "errors", errors: { [B.token.block]: result.problem.slice(0, 300) } });
    return;
  }
  await ack();
  deps.log.info("placewise connected", { team: teamId, by: body.user.id, customer, resumed: result.resumed });
  const reply = connectedReply(customer as string, result.timezone, m);
  const channel = view.private_metadata;
  if (channel) {
    await deps.web.chat
      .postEphemeral({ channel, user: body.user.id, text: reply.text })
      .catch((e) => deps.log.warn("could not confirm the connection", { error: (e as Error).message }));
  }
  void publishHome(deps, teamId, body.user.id);
}
