import type { Args } from "./args.ts";
import type { EmulatorFile, EmulatorMessage } from "./types.ts";
import type { Workspace } from "./workspace.ts";

export interface MethodContext {
  ws: Workspace;
  args: Args;
  /** `http://127.0.0.1:PORT`, for URLs the emulator hands out. */
  origin: string;
}

export type Handler = (ctx: MethodContext) => Record<string, unknown>;

export const BOT_ID = "B0EMULATOR1";

/** A message as the Web API returns it; metadata only when asked for, as Slack does. */
export function messageJson(
  ctx: MethodContext,
  m: EmulatorMessage,
  withMetadata: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { type: "message", user: m.user, text: m.text, ts: m.ts };
  if (m.user === ctx.ws.botUserId) out.bot_id = BOT_ID;
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.thread_ts !== undefined) out.thread_ts = m.thread_ts;
  if (m.edited !== undefined) out.edited = m.edited;
  if (m.files.length > 0) {
    out.files = m.files.map((f) => {
      const file = ctx.ws.files.get(f.id);
      return file === undefined ? { id: f.id } : fileJson(ctx, file);
    });
  }
  if (withMetadata && m.metadata !== undefined) out.metadata = m.metadata;
  const replies = ctx.ws.list(m.channel).filter((r) => r.thread_ts === m.ts && r.ts !== m.ts && !r.ephemeral);
  if (replies.length > 0) {
    out.thread_ts = m.ts;
    out.reply_count = replies.length;
    out.latest_reply = replies[replies.length - 1]?.ts;
  }
  return out;
}

export function fileJson(ctx: MethodContext, f: EmulatorFile): Record<string, unknown> {
  return {
    id: f.id,
    name: f.name,
    title: f.title,
    size: f.bytes?.length ?? 0,
    mimetype: f.name.endsWith(".png") ? "image/png" : "application/octet-stream",
    channels: f.channels,
    alt_txt: f.altText,
    // url_private mimics Slack's shape (team-file id in a files-pri path); it is served at GET too.
    url_private: `${ctx.origin}/files-pri/${ctx.ws.teamId}-${f.id}/${encodeURIComponent(f.name)}`,
    permalink_public: `${ctx.origin}/files/${f.id}`,
    created: Math.floor(f.createdAt / 1000),
  };
}
