import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import type { SlackEmulator } from "../emulator/index.ts";
import { SandboxError } from "./types.ts";

/** The page's files: a fixed list, so no request path ever reaches the file system. */
const ASSETS: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "style.css": "text/css; charset=utf-8",
  "messages.css": "text/css; charset=utf-8",
  "blocks.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "appview.js": "text/javascript; charset=utf-8",
  "blocks.js": "text/javascript; charset=utf-8",
  "mrkdwn.js": "text/javascript; charset=utf-8",
  "messages.js": "text/javascript; charset=utf-8",
  "dialog.js": "text/javascript; charset=utf-8",
  "favicon.svg": "image/svg+xml",
};

const PAGE_DIR = new URL("./page/", import.meta.url);

export function isAsset(name: string): boolean {
  return Object.hasOwn(ASSETS, name);
}

/** Read per request (a few KB) so editing the page needs only a browser reload. */
export async function sendAsset(res: ServerResponse, name: string): Promise<void> {
  const type = ASSETS[name];
  if (type === undefined) {
    throw new SandboxError(
      "not_found",
      `no sandbox asset ${JSON.stringify(name)}; known: ${Object.keys(ASSETS).join(", ")}`,
      404,
    );
  }
  const bytes = await readFile(new URL(name, PAGE_DIR));
  res.writeHead(200, {
    "content-type": type,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  res.end(bytes);
}

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** An uploaded file's bytes, straight from the in-process emulator. */
export function sendFile(res: ServerResponse, emulator: SlackEmulator, id: string): void {
  const file = emulator.files.get(id);
  if (file?.bytes === undefined || !file.completed) {
    throw new SandboxError("not_found", `no completed upload with id ${id}`, 404);
  }
  const ext = /\.(\w+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  res.writeHead(200, {
    "content-type": IMAGE_TYPES[ext] ?? "application/octet-stream",
    // An upload never changes after completion, so the browser may keep it.
    "cache-control": "private, max-age=3600, immutable",
    "x-content-type-options": "nosniff",
  });
  res.end(file.bytes);
}
