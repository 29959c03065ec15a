import { ApiFailure, required, str } from "../args.ts";
import { readContent } from "../content.ts";
import { type Handler, type MethodContext, messageJson } from "../serialize.ts";
import type { EmulatorMessage } from "../types.ts";

const postMessage: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: true });
  const content = readContent(ws, args);
  const threadTs = threadOf(ctx, channel.id);
  const m = ws.store({
    channel: channel.id,
    ts: ws.nextTs(),
    ...content,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    user: ws.botUserId,
    files: [],
    ephemeral: false,
  });
  return { channel: channel.id, ts: m.ts, message: messageJson(ctx, m, true) };
};

const update: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: true });
  const m = ownMessage(ctx, channel.id, required(args, "ts"), "cant_update_message");
  const content = readContent(ws, args);
  m.text = content.text;
  if (content.blocks === undefined) delete m.blocks;
  else m.blocks = content.blocks;
  if (content.metadata !== undefined) m.metadata = content.metadata;
  m.edited = { user: ws.botUserId, ts: ws.nextTs() };
  ws.emit("update", m);
  return { channel: channel.id, ts: m.ts, text: m.text, message: messageJson(ctx, m, true) };
};

const postEphemeral: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: true });
  const user = required(args, "user");
  if (!ws.users.has(user)) throw new ApiFailure("user_not_found");
  if (!channel.members.includes(user)) throw new ApiFailure("user_not_in_channel");
  const content = readContent(ws, args);
  const threadTs = threadOf(ctx, channel.id);
  const m = ws.store({
    channel: channel.id,
    ts: ws.nextTs(),
    ...content,
    ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
    user: ws.botUserId,
    files: [],
    ephemeral: true,
    ephemeralUser: user,
  });
  return { message_ts: m.ts };
};

const remove: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.channelForBot(required(args, "channel"), { write: true });
  const ts = required(args, "ts");
  ownMessage(ctx, channel.id, ts, "cant_delete_message");
  ws.remove(channel.id, ts);
  return { channel: channel.id, ts };
};

const getPermalink: Handler = (ctx) => {
  const { ws, args } = ctx;
  const channel = ws.resolveChannel(required(args, "channel"));
  const ts = required(args, "message_ts");
  if (ws.find(channel.id, ts) === undefined) throw new ApiFailure("message_not_found");
  return { channel: channel.id, permalink: `${ctx.origin}/archives/${channel.id}/p${ts.replace(".", "")}` };
};

function threadOf(ctx: MethodContext, channel: string): string | undefined {
  const threadTs = str(ctx.args, "thread_ts");
  if (threadTs === undefined) return undefined;
  const parent = ctx.ws.find(channel, threadTs);
  if (parent === undefined) throw new ApiFailure("thread_not_found");
  // A reply to a reply lands in the root's thread, as in Slack.
  return parent.thread_ts ?? parent.ts;
}

function ownMessage(ctx: MethodContext, channel: string, ts: string, notOwn: string): EmulatorMessage {
  const m = ctx.ws.find(channel, ts);
  if (m === undefined) throw new ApiFailure("message_not_found");
  if (m.user !== ctx.ws.botUserId) throw new ApiFailure(notOwn);
  return m;
}

export const chatMethods: Record<string, Handler> = {
  "chat.postMessage": postMessage,
  "chat.update": update,
  "chat.postEphemeral": postEphemeral,
  "chat.delete": remove,
  "chat.getPermalink": getPermalink,
};
