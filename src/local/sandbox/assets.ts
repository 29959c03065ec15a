import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import type { SlackEmulator } from "../slack-emulator/index.ts";
import { SandboxError } from "./types.ts";

/**
 * The page's files: a fixed list, so no request path ever reaches the file system. A Map, not an
 * object literal: `ASSETS["constructor"]` on an object finds Object.prototype's members, and
 * "constructor", "__proto__" or "toString" then reached readFile and answered 500 with the path.
 */
const ASSETS: ReadonlyMap<string, string> = new Map([
  ["index.html", "text/html; charset=utf-8"],
  ["style.css", "text/css; charset=utf-8"],
  ["messages.css", "text/css; charset=utf-8"],
  ["blocks.css", "text/css; charset=utf-8"],
  ["app.js", "text/javascript; charset=utf-8"],
  ["appview.js", "text/javascript; charset=utf-8"],
  ["blocks.js", "text/javascript; charset=utf-8"],
  ["mrkdwn.js", "text/javascript; charset=utf-8"],
  ["messages.js", "text/javascript; charset=utf-8"],
  ["dialog.js", "text/javascript; charset=utf-8"],
  ["modal.js", "text/javascript; charset=utf-8"],
  ["favicon.svg", "image/svg+xml"],
]);

const PAGE_DIR = new URL("./page/", import.meta.url);

/** Read per request (a few KB) so editing the page needs only a browser reload. */
export async function sendAsset(res: ServerResponse, name: string): Promise<void> {
  const type = ASSETS.get(name);
  // The name as asked is not echoed: the answer is the same for every unknown name.
  if (type === undefined) throw new SandboxError("not_found", "Not found.", 404);
  let bytes: Buffer;
  try {
    bytes = await readFile(new URL(name, PAGE_DIR));
  } catch {
    // Only a broken install gets here; its path stays on the server.
    throw new SandboxError("internal_error", `The sandbox page's ${name} is missing from this install.`, 500);
  }
  res.writeHead(200, {
    "content-type": type,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  res.end(bytes);
}

const IMAGE_TYPES: ReadonlyMap<string, string> = new Map([
  ["png", "image/png"],
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
]);

/** An uploaded file's bytes, straight from the in-process emulator. */
export function sendFile(res: ServerResponse, emulator: SlackEmulator, id: string): void {
  const file = emulator.files.get(id);
  if (file?.bytes === undefined || !file.completed) {
    throw new SandboxError("not_found", `no completed upload with id ${id}`, 404);
  }
  const ext = /\.(\w+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  res.writeHead(200, {
    "content-type": IMAGE_TYPES.get(ext) ?? "application/octet-stream",
    // An upload never changes after completion, so the browser may keep it.
    "cache-control": "private, max-age=3600, immutable",
    "x-content-type-options": "nosniff",
  });
  res.end(file.bytes);
}
