import type { EmulatorMessage, PublishedView } from "../slack-emulator/index.ts";
import { BOT_ID } from "../slack-emulator/serialize.ts";

/** The sandbox's one workspace, channel and person, as Slack names them in request payloads. */
export interface Identity {
  teamId: string;
  channelId: string;
  channelName: string;
  userId: string;
  userName: string;
  botUserId: string;
  apiAppId: string;
}

/** The app id Slack would send; the sandbox has no real app, so any stable A-id works. */
export const SANDBOX_APP_ID = "A0SANDBOX1";

/** Slack's team "domain" appears in payloads; the sandbox workspace is called this. */
const TEAM_DOMAIN = "sandbox";

/** A slash command as Slack POSTs it: application/x-www-form-urlencoded fields. */
export function slashCommandForm(
  who: Identity,
  command: string,
  text: string,
  responseUrl: string,
  triggerId: string,
): string {
  return new URLSearchParams({
    token: "sandbox-verification-token",
    team_id: who.teamId,
    team_domain: TEAM_DOMAIN,
    channel_id: who.channelId,
    channel_name: who.channelName,
    user_id: who.userId,
    user_name: who.userName,
    command,
    text,
    api_app_id: who.apiAppId,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

export interface PressedButton {
  actionId: string;
  blockId: string;
  value?: string;
  text?: string;
  style?: string;
}

/**
 * Where a button was pressed: a message (maybe ephemeral) in the channel or the DM with the bot,
 * or the App Home view. `channelName` is what Slack puts in `channel.name` ("directmessage" for a DM).
 */
export type ActionSource =
  | { kind: "message"; message: EmulatorMessage; channelName: string; responseUrl: string }
  | { kind: "home"; view: PublishedView; viewId: string };

/** The `payload` field of a block_actions interaction, as Slack sends it for a button. */
export function blockActionsPayload(
  who: Identity,
  source: ActionSource,
  button: PressedButton,
  actionTs: string,
  triggerId: string,
): Record<string, unknown> {
  const action: Record<string, unknown> = {
    type: "button",
    action_id: button.actionId,
    block_id: button.blockId,
    action_ts: actionTs,
    text: { type: "plain_text", text: button.text ?? button.actionId, emoji: true },
  };
  if (button.value !== undefined) action.value = button.value;
  if (button.style !== undefined) action.style = button.style;
  const common = {
    type: "block_actions",
    user: { id: who.userId, username: who.userName, name: who.userName, team_id: who.teamId },
    api_app_id: who.apiAppId,
    token: "sandbox-verification-token",
    trigger_id: triggerId,
    team: { id: who.teamId, domain: TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
    actions: [action],
  };
  if (source.kind === "home") {
    return {
      ...common,
      container: { type: "view", view_id: source.viewId },
      view: { id: source.viewId, team_id: who.teamId, app_id: who.apiAppId, ...source.view.view },
    };
  }
  const m = source.message;
  return {
    ...common,
    container: {
      type: "message",
      message_ts: m.ts,
      channel_id: m.channel,
      is_ephemeral: m.ephemeral,
      ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    },
    channel: { id: m.channel, name: source.channelName },
    message: {
      type: "message",
      user: m.user,
      ts: m.ts,
      text: m.text,
      ...(m.user === who.botUserId ? { bot_id: BOT_ID } : {}),
      ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
      ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    },
    response_url: source.responseUrl,
  };
}

/**
 * The Events API envelope for `app_home_opened`: Slack sends it for either tab of the app, so the bot
 * publishes the person's Home view when the tab is "home". `view` is the one published before, if any.
 */
export function appHomeOpenedEvent(
  who: Identity,
  eventTs: string,
  eventId: string,
  view: PublishedView | undefined,
  tab: "home" | "messages" = "home",
): Record<string, unknown> {
  return {
    token: "sandbox-verification-token",
    team_id: who.teamId,
    api_app_id: who.apiAppId,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Number(eventTs)),
    authorizations: [
      { team_id: who.teamId, user_id: who.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event: {
      type: "app_home_opened",
      user: who.userId,
      channel: `D${who.userId.slice(1)}`,
      tab,
      event_ts: eventTs,
      ...(view === undefined || tab !== "home"
        ? {}
        : { view: { id: `V${who.userId.slice(1)}`, ...view.view } }),
    },
  };
}

/** Slack timestamps are "seconds.micros" strings. */
export function slackTs(ms: number): string {
  return (ms / 1000).toFixed(6);
}
