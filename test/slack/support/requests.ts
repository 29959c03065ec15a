/**
 * Requests as Slack sends them to POST /slack/events: form-encoded slash commands, block_actions
 * interactions (a form field `payload` holding JSON) and Events API envelopes (JSON), each signed
 * with the v0 scheme. Written here from Slack's docs rather than borrowed from the sandbox, so the
 * tests do not share a mistake with the code they check.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { EmulatorMessage, PublishedView } from "../../../src/local/slack-emulator/index.ts";

export const SIGNING_SECRET = "test-secret";
export const APP_ID = "A0OFFERS01";

export interface Who {
  teamId: string;
  channelId: string;
  userId: string;
  userName?: string;
}

/** `v0=` + hex HMAC-SHA256 over `v0:<seconds>:<raw body>` (NOTES.md "Bolt over HTTP"). */
export function signature(secret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}

export function signedHeaders(
  body: string,
  contentType: string,
  opts: { secret?: string; timestampSeconds?: number } = {},
): Record<string, string> {
  const ts = opts.timestampSeconds ?? Math.floor(Date.now() / 1000);
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": signature(opts.secret ?? SIGNING_SECRET, ts, body),
  };
}

export const FORM = "application/x-www-form-urlencoded";

export function triggerId(): string {
  return `${Date.now()}.${randomBytes(6).toString("hex")}`;
}

export function slashCommandBody(who: Who, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: who.teamId,
    team_domain: "acme",
    channel_id: who.channelId,
    channel_name: "channel",
    user_id: who.userId,
    user_name: who.userName ?? who.userId.toLowerCase(),
    command: "/offers",
    text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

export interface Button {
  action_id: string;
  block_id: string;
  value: string;
  text: string;
}

/** Every button in a list of blocks, with the block it sits in. */
export function buttonsIn(blocks: readonly unknown[] | undefined): Button[] {
  const out: Button[] = [];
  for (const b of blocks ?? []) {
    const block = b as { type?: string; block_id?: string; elements?: unknown[] };
    if (block.type !== "actions") continue;
    for (const e of block.elements ?? []) {
      const el = e as { type?: string; action_id?: string; value?: string; text?: { text?: string } };
      if (el.type !== "button" || el.action_id === undefined) continue;
      out.push({
        action_id: el.action_id,
        block_id: block.block_id ?? "",
        value: el.value ?? "",
        text: el.text?.text ?? "",
      });
    }
  }
  return out;
}

/** A button pressed in a channel message (ephemeral or not): the form body Slack posts. */
export function messageActionBody(
  who: Who,
  message: EmulatorMessage,
  button: Button,
  responseUrl: string,
): string {
  const payload = {
    type: "block_actions",
    user: {
      id: who.userId,
      username: who.userName ?? who.userId,
      name: who.userName ?? who.userId,
      team_id: who.teamId,
    },
    api_app_id: APP_ID,
    token: "deprecated-verification-token",
    trigger_id: triggerId(),
    team: { id: who.teamId, domain: "acme" },
    enterprise: null,
    is_enterprise_install: false,
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: message.ephemeral,
    },
    channel: { id: message.channel, name: "channel" },
    message: {
      type: "message",
      user: message.user,
      ts: message.ts,
      text: message.text,
      blocks: message.blocks ?? [],
    },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: button.block_id,
        value: button.value,
        text: { type: "plain_text", text: button.text, emoji: true },
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A button pressed on the App Home tab: no channel, no response_url, the view instead. */
export function homeActionBody(who: Who, view: PublishedView, button: Button): string {
  const viewId = `V${who.userId.slice(1)}`;
  const payload = {
    type: "block_actions",
    user: { id: who.userId, username: who.userId, name: who.userId, team_id: who.teamId },
    api_app_id: APP_ID,
    token: "deprecated-verification-token",
    trigger_id: triggerId(),
    team: { id: who.teamId, domain: "acme" },
    enterprise: null,
    is_enterprise_install: false,
    container: { type: "view", view_id: viewId },
    view: { id: viewId, team_id: who.teamId, app_id: APP_ID, ...view.view },
    state: { values: {} },
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: button.block_id,
        value: button.value,
        text: { type: "plain_text", text: button.text, emoji: true },
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The Events API envelope Slack sends when someone opens the app's Home tab. */
export function appHomeOpenedBody(teamId: string, userId: string, botUserId: string): string {
  const now = Date.now() / 1000;
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: Math.floor(now),
    authorizations: [{ team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event: {
      type: "app_home_opened",
      user: userId,
      channel: `D${userId.slice(1)}`,
      tab: "home",
      event_ts: now.toFixed(6),
    },
  });
}
