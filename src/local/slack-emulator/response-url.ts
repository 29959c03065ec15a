import { randomBytes } from "node:crypto";
import { ApiFailure } from "./args.ts";
import { readContent } from "./content.ts";
import type { Workspace } from "./workspace.ts";

/** Slack lets a response_url answer 5 times within 30 minutes (NOTES.md "Bolt over HTTP"). */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

interface Entry {
  channel: string;
  user: string;
  /** The message an interaction came from; replace_original and delete_original act on it. */
  messageTs?: string;
  createdAt: number;
  uses: number;
}

export class ResponseUrls {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ws: Workspace) {}

  create(channel: string, user: string, messageTs?: string): string {
    const id = randomBytes(12).toString("hex");
    this.entries.set(id, {
      channel,
      user,
      createdAt: this.ws.clock.now(),
      uses: 0,
      ...(messageTs === undefined ? {} : { messageTs }),
    });
    return id;
  }

  /** One POST to a response_url; answers an HTTP status and Slack's JSON body. */
  handle(id: string, raw: string): { status: number; body: Record<string, unknown> } {
    const entry = this.entries.get(id);
    if (entry === undefined) return fail(404, "no_service");
    if (this.ws.clock.now() - entry.createdAt > RESPONSE_URL_TTL_MS) return fail(404, "expired_url");
    if (entry.uses >= RESPONSE_URL_USES) return fail(404, "used_url");
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== "object" || parsed === null) return fail(400, "invalid_payload");
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(400, "invalid_payload");
    }
    try {
      this.apply(entry, body);
    } catch (e) {
      if (e instanceof ApiFailure) return fail(400, e.error);
      throw e;
    }
    entry.uses += 1;
    return { status: 200, body: { ok: true } };
  }

  private apply(entry: Entry, body: Record<string, unknown>): void {
    const ws = this.ws;
    const original =
      entry.messageTs === undefined
        ? undefined
        : ws.list(entry.channel).find((m) => m.ts === entry.messageTs);
    if (body.delete_original === true || body.delete_original === "true") {
      if (original === undefined) throw new ApiFailure("message_not_found");
      ws.list(entry.channel).splice(ws.list(entry.channel).indexOf(original), 1);
      ws.emit("delete", { channel: entry.channel, ts: original.ts });
      return;
    }
    const content = readContent(ws, body);
    if ((body.replace_original === true || body.replace_original === "true") && original !== undefined) {
      original.text = content.text;
      if (content.blocks === undefined) delete original.blocks;
      else original.blocks = content.blocks;
      original.edited = { user: ws.botUserId, ts: ws.nextTs() };
      ws.emit("update", original);
      return;
    }
    const inChannel = body.response_type === "in_channel";
    ws.store({
      channel: entry.channel,
      ts: ws.nextTs(),
      ...content,
      user: ws.botUserId,
      files: [],
      ephemeral: !inChannel,
      ...(inChannel ? {} : { ephemeralUser: entry.user }),
    });
  }
}

function fail(status: number, error: string): { status: number; body: Record<string, unknown> } {
  return { status, body: { ok: false, error } };
}
