import { ApiFailure, type Args, bool, int, required, str } from "../args.ts";
import { type Handler, messageJson } from "../serialize.ts";
import type { EmulatorChannel } from "../types.ts";

const history: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: false });
  const inclusive = bool(args, "inclusive");
  const oldest = str(args, "oldest");
  const latest = str(args, "latest");
  const top = ws
    .list(channel.id)
    .filter((m) => !m.ephemeral && (m.thread_ts === undefined || m.thread_ts === m.ts))
    .filter((m) => oldest === undefined || after(m.ts, oldest, inclusive))
    .filter((m) => latest === undefined || after(latest, m.ts, inclusive))
    .reverse();
  const withMetadata = bool(args, "include_all_metadata");
  return page(args, top, (m) => messageJson(ctx, m, withMetadata));
};

const replies: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: false });
  const parent = ws.find(channel.id, required(args, "ts"));
  if (parent === undefined) throw new ApiFailure("thread_not_found");
  const root = parent.thread_ts ?? parent.ts;
  const thread = ws.list(channel.id).filter((m) => !m.ephemeral && (m.ts === root || m.thread_ts === root));
  const withMetadata = bool(args, "include_all_metadata");
  return page(args, thread, (m) => messageJson(ctx, m, withMetadata));
};

const info: Handler = (ctx) => {
  const channel = visible(ctx.ws.resolveChannel(required(ctx.args, "channel")), ctx.ws.botUserId);
  return {
    channel: {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isIm && !channel.isPrivate,
      is_group: channel.isPrivate === true,
      is_im: channel.isIm === true,
      is_private: channel.isPrivate === true || channel.isIm === true,
      is_archived: channel.isArchived === true,
      is_member: channel.members.includes(ctx.ws.botUserId),
      num_members: channel.members.length,
      ...(channel.isIm ? { user: channel.members.find((u) => u !== ctx.ws.botUserId) } : {}),
    },
  };
};

const open: Handler = (ctx) => {
  const users = (str(ctx.args, "users") ?? "").split(",").filter((u) => u !== "");
  const existing = str(ctx.args, "channel");
  if (existing !== undefined) return { channel: { id: ctx.ws.resolveChannel(existing).id } };
  if (users.length !== 1) {
    throw new ApiFailure("invalid_arguments", { errors: ["the emulator opens DMs with exactly one user"] });
  }
  const user = users[0] as string;
  const already = ctx.ws.channels.has(`D${user.slice(1)}`);
  return { channel: { id: ctx.ws.openIm(user).id }, already_open: already, no_op: already };
};

const members: Handler = (ctx) => {
  const channel = visible(ctx.ws.resolveChannel(required(ctx.args, "channel")), ctx.ws.botUserId);
  return page(ctx.args, channel.members, (m) => m, "members");
};

/** A private channel (or DM) the bot is not in does not exist as far as the bot can tell. */
function visible(c: EmulatorChannel, bot: string): EmulatorChannel {
  if ((c.isPrivate || c.isIm) && !c.members.includes(bot)) throw new ApiFailure("channel_not_found");
  return c;
}

/** Cursor pagination: the cursor is the offset, opaque to callers as in Slack. */
function page<T>(args: Args, items: T[], view: (t: T) => unknown, key = "messages"): Record<string, unknown> {
  const limit = Math.min(Math.max(int(args, "limit") ?? 100, 1), 999);
  const cursor = str(args, "cursor");
  const start =
    cursor === undefined ? 0 : Number(Buffer.from(cursor, "base64").toString().replace("offset:", ""));
  if (!Number.isInteger(start) || start < 0) throw new ApiFailure("invalid_cursor");
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  const next = more ? Buffer.from(`offset:${start + limit}`).toString("base64") : "";
  return { [key]: slice.map(view), has_more: more, response_metadata: { next_cursor: next } };
}

/** Whether ts `a` is after `b` (or equal when inclusive), comparing seconds then microseconds. */
function after(a: string, b: string, inclusive: boolean): boolean {
  const [as, au] = split(a);
  const [bs, bu] = split(b);
  if (as !== bs) return as > bs;
  return inclusive ? au >= bu : au > bu;
}

function split(ts: string): [number, number] {
  const [s = "0", u = "0"] = ts.split(".");
  return [Number(s), Number(u.padEnd(6, "0"))];
}

export const conversationMethods: Record<string, Handler> = {
  "conversations.history": history,
  "conversations.replies": replies,
  "conversations.info": info,
  "conversations.open": open,
  "conversations.members": members,
};
