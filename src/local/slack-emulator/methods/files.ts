import { ApiFailure, int, json, required, str } from "../args.ts";
import { readContent } from "../content.ts";
import { fileJson, type Handler } from "../serialize.ts";
import type { EmulatorFile, FileRef } from "../types.ts";
import type { Workspace } from "../workspace.ts";

/** Slack's upload size cap for one file is 1 GB; the emulator keeps bytes in memory, so 50 MB. */
const MAX_LENGTH = 50 * 1024 * 1024;

const getUploadURLExternal: Handler = (ctx) => {
  const { ws, args } = ctx;
  const filename = required(args, "filename");
  const length = int(args, "length");
  if (length === undefined)
    throw new ApiFailure("invalid_arguments", { errors: ["missing required field: length"] });
  if (length <= 0 || length > MAX_LENGTH)
    throw new ApiFailure("invalid_arguments", { errors: ["length out of range"] });
  const id = ws.nextFileId();
  const altText = str(args, "alt_txt") ?? str(args, "alt_text");
  const file: EmulatorFile = {
    id,
    name: filename,
    title: filename,
    length,
    completed: false,
    channels: [],
    createdAt: ws.clock.now(),
    ...(altText === undefined ? {} : { altText }),
  };
  ws.files.set(id, file);
  return { upload_url: `${ctx.origin}/upload/v1/${id}`, file_id: id };
};

const completeUploadExternal: Handler = (ctx) => {
  const { ws, args } = ctx;
  const list = json(args, "files", "invalid_arguments");
  if (!Array.isArray(list) || list.length === 0) {
    throw new ApiFailure("invalid_arguments", {
      errors: ["files must be a non-empty JSON array of {id, title}"],
    });
  }
  const picked = list.map((entry) => pickFile(ws, entry));
  const channelArg = str(args, "channel_id") ?? str(args, "channels")?.split(",")[0];
  const channel = channelArg === undefined ? undefined : ws.channelForBot(channelArg, { write: true });
  const content =
    channel === undefined
      ? undefined
      : readContent(ws, { ...args, text: args.initial_comment }, { allowEmpty: true });
  const threadTs = str(args, "thread_ts");
  if (channel !== undefined && threadTs !== undefined && ws.find(channel.id, threadTs) === undefined) {
    throw new ApiFailure("thread_not_found");
  }
  // Validation is over; only now do the files change state, so a refused call leaves them uploadable.
  for (const { file, title } of picked) {
    file.completed = true;
    if (title !== undefined) file.title = title;
    if (channel !== undefined) file.channels.push(channel.id);
    ws.emit("file", file);
  }
  if (channel !== undefined && content !== undefined) {
    const refs: FileRef[] = picked.map(({ file }) => ({ id: file.id, name: file.name, title: file.title }));
    ws.store({
      channel: channel.id,
      ts: ws.nextTs(),
      ...content,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      user: ws.botUserId,
      files: refs,
      ephemeral: false,
    });
  }
  return { files: picked.map(({ file }) => fileJson(ctx, file)) };
};

const info: Handler = (ctx) => {
  const file = ctx.ws.files.get(required(ctx.args, "file"));
  if (file === undefined || !file.completed) throw new ApiFailure("file_not_found");
  return { file: fileJson(ctx, file) };
};

function pickFile(ws: Workspace, entry: unknown): { file: EmulatorFile; title: string | undefined } {
  const e = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
  if (typeof e.id !== "string")
    throw new ApiFailure("invalid_arguments", { errors: ["each file needs an id"] });
  const file = ws.files.get(e.id);
  if (file === undefined || file.bytes === undefined) throw new ApiFailure("file_not_found");
  if (file.completed) throw new ApiFailure("file_already_completed");
  return { file, title: typeof e.title === "string" ? e.title : undefined };
}

/**
 * The upload URL: the bytes must arrive once, in full, before completion. Answers as an HTTP status
 * and a plain-text body, like files.slack.com.
 */
export function receiveUpload(
  ws: Workspace,
  fileId: string,
  bytes: Buffer,
): { status: number; body: string } {
  const file = ws.files.get(fileId);
  if (file === undefined || file.completed) return { status: 404, body: "upload url not found" };
  if (bytes.length !== file.length) {
    return { status: 400, body: `length mismatch: announced ${file.length} bytes, received ${bytes.length}` };
  }
  file.bytes = bytes;
  return { status: 200, body: `OK - ${bytes.length}` };
}

export const fileMethods: Record<string, Handler> = {
  "files.getUploadURLExternal": getUploadURLExternal,
  "files.completeUploadExternal": completeUploadExternal,
  "files.info": info,
};
