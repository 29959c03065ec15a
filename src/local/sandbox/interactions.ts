import type { SlackEmulator } from "../slack-emulator/index.ts";
import { DM_CHANNEL_NAME, dmChannelId } from "./dm.ts";
import { ackAsReply, dispatchError, postSigned, triggerId } from "./forward.ts";
import {
  appHomeOpenedEvent,
  blockActionsPayload,
  type Identity,
  slackTs,
  slashCommandForm,
} from "./payloads.ts";
import { SandboxError } from "./types.ts";

/** What the page learns about a forwarded request; Slack shows `error` as "/offers failed with ...". */
export interface ForwardResult {
  ok: boolean;
  status?: number;
  error?: "dispatch_failed" | "operation_timeout";
}

export interface Bot {
  emulator: SlackEmulator;
  who: Identity;
  signingSecret: string;
  eventsUrl: () => string;
  now: () => number;
}

/** The slash command the sandbox app registers, as in the app manifest. */
export const COMMAND = "/offers";

/**
 * Splits a composer line into command and text, as Slack's client does: the first word is the
 * command, the rest (trimmed) is its text.
 */
export function splitCommand(line: string): { command: string; text: string } {
  const trimmed = line.trim();
  const m = /^(\/\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (m === null) {
    throw new SandboxError("bad_request", `this channel takes slash commands only; try ${COMMAND} help`, 400);
  }
  const command = (m[1] as string).toLowerCase();
  if (command !== COMMAND) {
    throw new SandboxError("bad_request", `${m[1]} is not a valid command here; try ${COMMAND} help`, 400);
  }
  return { command, text: (m[2] as string).trim() };
}

/** Sends the command to the bot; an acknowledgement with a body becomes a reply, as in Slack. */
export async function sendCommand(bot: Bot, line: string): Promise<ForwardResult> {
  const { command, text } = splitCommand(line);
  const { who, emulator } = bot;
  const responseUrl = emulator.responseUrl(who.channelId, who.userId);
  const body = slashCommandForm(who, command, text, responseUrl, triggerId(bot.now()));
  let ack: Awaited<ReturnType<typeof postSigned>>;
  try {
    ack = await postSigned(
      bot.eventsUrl(),
      body,
      "application/x-www-form-urlencoded",
      bot.signingSecret,
      bot.now(),
    );
  } catch (e) {
    return { ok: false, error: dispatchError(e) };
  }
  if (ack.status !== 200) return { ok: false, status: ack.status, error: "dispatch_failed" };
  const reply = ackAsReply(ack);
  if (reply !== null) {
    await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(reply),
      signal: AbortSignal.timeout(3000),
    });
  }
  return { ok: true, status: ack.status };
}

export interface ActionRequest {
  /** The message's ts; absent for a button in the App Home view. */
  ts?: string;
  /** The message's channel: the sandbox channel (the default) or the person's DM with the bot. */
  channel?: string;
  actionId: string;
  blockId: string;
  value?: string;
  text?: string;
  style?: string;
}

/** A button press becomes a signed block_actions interaction for the message (or Home view) it is in. */
export async function sendAction(bot: Bot, req: ActionRequest): Promise<ForwardResult> {
  const { who, emulator } = bot;
  let source: Parameters<typeof blockActionsPayload>[1];
  if (req.ts === undefined) {
    const view = emulator.views.get(who.userId);
    if (view === undefined)
      throw new SandboxError("not_found", "the Home tab has no published view yet", 404);
    source = { kind: "home", view, viewId: `V${who.userId.slice(1)}` };
  } else {
    const { id, name, label } = messageChannel(bot, req.channel);
    const message = (emulator.messages.get(id) ?? []).find(
      (m) => m.ts === req.ts && (!m.ephemeral || m.ephemeralUser === who.userId),
    );
    if (message === undefined) {
      throw new SandboxError("message_not_found", `no message with ts ${req.ts} in ${label}`, 404);
    }
    source = {
      kind: "message",
      message,
      channelName: name,
      responseUrl: emulator.responseUrl(id, who.userId, message.ts),
    };
  }
  const now = bot.now();
  const button = {
    actionId: req.actionId,
    blockId: req.blockId,
    ...(req.value === undefined ? {} : { value: req.value }),
    ...(req.text === undefined ? {} : { text: req.text }),
    ...(req.style === undefined ? {} : { style: req.style }),
  };
  const payload = blockActionsPayload(who, source, button, slackTs(now), triggerId(now));
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return forward(bot, body, "application/x-www-form-urlencoded");
}

/** The page may press buttons in its channel and in the person's DM with the bot, nowhere else. */
function messageChannel(bot: Bot, channel: string | undefined): { id: string; name: string; label: string } {
  const { who } = bot;
  if (channel === undefined || channel === who.channelId)
    return { id: who.channelId, name: who.channelName, label: `#${who.channelName}` };
  if (channel === dmChannelId(bot.emulator, who.userId))
    return { id: channel, name: DM_CHANNEL_NAME, label: "your messages with the app" };
  throw new SandboxError(
    "bad_request",
    `channel ${channel} is not on this page; buttons work in #${who.channelName} (${who.channelId}) and your DM with the app`,
    400,
  );
}

/**
 * Opening a tab of the app: Slack sends app_home_opened (tab "home" or "messages"); for Home the bot
 * answers with views.publish.
 */
export async function openHome(bot: Bot, tab: "home" | "messages" = "home"): Promise<ForwardResult> {
  const now = bot.now();
  const event = appHomeOpenedEvent(
    bot.who,
    slackTs(now),
    `Ev${now.toString(36).toUpperCase()}`,
    bot.emulator.views.get(bot.who.userId),
    tab,
  );
  return forward(bot, JSON.stringify(event), "application/json");
}

async function forward(
  bot: Bot,
  body: string,
  type: "application/x-www-form-urlencoded" | "application/json",
): Promise<ForwardResult> {
  try {
    const ack = await postSigned(bot.eventsUrl(), body, type, bot.signingSecret, bot.now());
    return ack.status === 200
      ? { ok: true, status: 200 }
      : { ok: false, status: ack.status, error: "dispatch_failed" };
  } catch (e) {
    return { ok: false, error: dispatchError(e) };
  }
}
