/**
 * Who may do what with a subscription or alert, from where; and whether the bot can post where it is
 * asked to. Every verb and button asks `authorize` before it reads, posts or changes an item, so the
 * rule lives here once:
 *
 * - The item must belong to the caller's team; another team's id is answered exactly like an id
 *   that does not exist, so ids (which are sequential) reveal nothing across workspaces.
 * - From a channel (a typed command, a list button, an alert button): the item must live in that
 *   channel. Slack only sends a command or a button press from a channel the person is in, so this
 *   also means "only people who can read that channel". The refusal names neither the other channel
 *   nor anything about the item.
 * - Posting (run) is open to anyone in the item's channel; changing it (pause, resume, delete,
 *   snooze, mute) to its creator and workspace admins, still only from its channel.
 * - The Home tab and the preview DM are the creator's own surfaces: only the creator may act there,
 *   and nothing is posted from them (a digest goes out only from its channel).
 */
import type { WebClient } from "@slack/web-api";
import {
  noSuchItemReply,
  notHereReply,
  notInChannelReply,
  notOwnReply,
  refusedReply,
} from "../../templates/replies.ts";
import type { Reply } from "../../templates/reply.ts";
import type { AppDeps } from "../app/deps.ts";
import { EN, type Messages } from "../i18n/index.ts";
import { findItem, type Item } from "../store/find-item.ts";
import type { Caller } from "./deps.ts";

/** Posts into the item's channel (run now) or changes the item (pause, resume, delete, snooze, mute). */
export type Intent = "post" | "change";

/**
 * Where the request came from: a channel (command, list or alert message), the Home tab, or the
 * creator's DM with the bot (the alert preview).
 */
export type Surface = "channel" | "home" | "dm";

export type Verdict = { ok: true; item: Item } | { ok: false; reply: Reply };

export function creatorOf(item: Item): string {
  return item.kind === "digest" ? item.subscription.creatorId : item.rule.creatorId;
}

export function channelOf(item: Item): string {
  return item.kind === "digest" ? item.subscription.channelId : item.rule.channelId;
}

function isLive(item: Item): boolean {
  return (item.kind === "digest" ? item.subscription.state : item.rule.state) !== "deleted";
}

/** The one check every verb and button makes before touching item #id. */
export async function authorize(
  deps: Pick<AppDeps, "db" | "web">,
  caller: Caller,
  id: number,
  intent: Intent,
  surface: Surface,
  /** The language of a refusal (the reader's). */
  m: Messages = EN,
): Promise<Verdict> {
  const item = await findItem(deps.db, caller.teamId, id);
  if (item === null || !isLive(item)) return { ok: false, reply: noSuchItemReply(id, m) };
  const creator = creatorOf(item);
  if (surface === "channel") {
    if (caller.channelId !== channelOf(item)) return { ok: false, reply: notHereReply(id, m) };
    if (intent === "post") return { ok: true, item };
    if (!(await canManage(deps.web, caller.userId, creator))) {
      return { ok: false, reply: refusedReply(id, creator, m) };
    }
    return { ok: true, item };
  }
  // Home and DM: personal surfaces. A DM id starts with D; a press claiming to come from a DM but
  // carrying a channel id is not one, and the bot would otherwise edit a message in that channel.
  if (surface === "dm" && !caller.channelId.startsWith("D")) return { ok: false, reply: notHereReply(id, m) };
  if (caller.userId !== creator) return { ok: false, reply: notOwnReply(id, creator, m) };
  if (intent === "post") return { ok: false, reply: notHereReply(id, m) };
  return { ok: true, item };
}

/**
 * Posting into a channel without an item (the CSV of a digest, into its thread): open to anyone in
 * the channel, which Slack vouches for by sending the press from it; refused when the request names
 * no channel (a Home or forged press) or the bot is not in it. Null means allowed.
 */
export async function checkChannelPost(
  deps: Pick<AppDeps, "web" | "clock">,
  caller: Caller,
): Promise<Reply | null> {
  if (caller.channelId === "") return notInChannelReply();
  return (await botInChannel(deps, caller.channelId)) ? null : notInChannelReply();
}

/**
 * Whether the user is a member of the channel. A form's submission names its channel in data the
 * sender controls (private_metadata, a channel select), unlike a command or a button press, which
 * Slack only sends from a channel the person is in; so the form asks Slack. Pages through
 * conversations.members (at most 10 pages of 1000, a 10 000-member channel); on any failure, no.
 */
export async function isChannelMember(web: WebClient, channelId: string, userId: string): Promise<boolean> {
  if (channelId === "" || userId === "") return false;
  try {
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await web.conversations.members({
        channel: channelId,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      if ((res.members ?? []).includes(userId)) return true;
      cursor = res.response_metadata?.next_cursor;
      if (!cursor) return false;
    }
    return false;
  } catch {
    return false;
  }
}

/**
 * Creator, or a workspace admin or owner. users.info needs the `users:read` scope; if it fails we
 * refuse rather than guess.
 */
export async function canManage(web: WebClient, userId: string, creatorId: string): Promise<boolean> {
  if (userId === creatorId) return true;
  try {
    const info = await web.users.info({ user: userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch {
    return false;
  }
}

/** How long a channel the bot was seen in is taken as still its own without asking Slack again. */
export const BOT_MEMBER_TTL_MS = 10 * 60_000;

/** Per Web API client (one per workspace in OAuth mode): channel id → when the answer goes stale. */
const seenIn = new WeakMap<WebClient, Map<string, number>>();

/**
 * Whether the bot is a member of the channel. A private channel the bot is not in answers
 * `channel_not_found`; a DM with the bot is always fine.
 *
 * conversations.info is Tier 3 (50 a minute): 30 reports asked in 30 channels at once would meet
 * Slack's limit, and a rate-limited check must not tell people to invite a bot that is there. So a
 * "yes" is remembered for 10 minutes per workspace, and when Slack cannot answer (429, network) the
 * check lets the report go on: this is a courtesy before spending Placewise's budget, not a guard,
 * since Slack itself refuses a post into a channel the bot is not in (`not_in_channel`), and that
 * refusal is answered with the same invitation.
 */
export async function botInChannel(
  deps: Pick<AppDeps, "web" | "clock">,
  channelId: string,
): Promise<boolean> {
  if (channelId.startsWith("D")) return true;
  const now = deps.clock.now();
  let seen = seenIn.get(deps.web);
  if (seen === undefined) {
    seen = new Map();
    seenIn.set(deps.web, seen);
  }
  if ((seen.get(channelId) ?? 0) > now) return true;
  try {
    const info = await deps.web.conversations.info({ channel: channelId });
    const c = info.channel as { is_member?: boolean; is_im?: boolean } | undefined;
    const member = Boolean(c?.is_member || c?.is_im);
    if (member) {
      if (seen.size >= 10_000) for (const [id, until] of seen) if (until <= now) seen.delete(id);
      seen.set(channelId, now + BOT_MEMBER_TTL_MS);
    } else seen.delete(channelId);
    return member;
  } catch (e) {
    // Slack answered "no such channel" (or another refusal about it): not here. Slack did not answer.
    return (e as { code?: string }).code !== "slack_webapi_platform_error";
  }
}
