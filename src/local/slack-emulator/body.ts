import type { IncomingMessage } from "node:http";
import { ApiFailure, type Args } from "./args.ts";

/** Slack refuses bodies this large long before; the cap keeps a runaway test from eating memory. */
const MAX_BODY = 60 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Web API arguments from the query string plus a form, JSON or multipart body. */
export async function parseArgs(req: IncomingMessage, url: URL, body: Buffer): Promise<Args> {
  const args: Args = Object.fromEntries(url.searchParams);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length === 0) return args;
  if (type.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw new ApiFailure("invalid_json");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new ApiFailure("invalid_json");
    return { ...args, ...(parsed as Args) };
  }
  if (type.startsWith("multipart/form-data")) {
    const form = await multipart(type, body);
    for (const [k, v] of form) args[k] = typeof v === "string" ? v : Buffer.from(await v.arrayBuffer());
    return args;
  }
  for (const [k, v] of new URLSearchParams(body.toString("utf8"))) args[k] = v;
  return args;
}

/** The bytes of an upload: the multipart part named `body` (what @slack/web-api sends), or the raw body. */
export async function uploadBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) return body;
  const part = (await multipart(type, body)).get("body");
  if (part === null) return Buffer.alloc(0);
  return typeof part === "string" ? Buffer.from(part) : Buffer.from(await part.arrayBuffer());
}

async function multipart(type: string, body: Buffer): Promise<FormData> {
  try {
    return await new Request("http://emulator.invalid/", {
      method: "POST",
      headers: { "content-type": type },
      body: new Uint8Array(body),
    }).formData();
  } catch {
    throw new ApiFailure("invalid_form_data");
  }
}
