import type { IncomingMessage, ServerResponse } from "node:http";
import { assertLocal, assertSameOrigin } from "./guard.ts";
import { SandboxError, type SandboxHandler } from "./types.ts";

/** The page sends a command or a button press; 64 KB is far beyond either. */
const MAX_BODY = 64 * 1024;

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new SandboxError("body_too_large", `request body over ${MAX_BODY} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw === "" ? "{}" : raw);
  } catch {
    throw new SandboxError("bad_request", "the body is not valid JSON", 400);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SandboxError("bad_request", "the body must be a JSON object", 400);
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * Wraps a handler: loopback-only, same-origin JSON for writes, and every failure answered as
 * `{ ok: false, error, message }`. Bolt does not await custom route handlers, so nothing may escape.
 */
export function guarded(write: boolean, handler: SandboxHandler): SandboxHandler {
  return (req, res) => {
    const run = async () => {
      assertLocal(req);
      if (write) assertSameOrigin(req);
      await handler(req, res);
    };
    return run().catch((e: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof SandboxError)
        sendJson(res, e.status, { ok: false, error: e.code, message: e.message });
      else {
        // The details (a stack, file paths) go to the terminal that runs the server, not the page.
        console.error("sandbox route failed:", e);
        sendJson(res, 500, {
          ok: false,
          error: "internal_error",
          message: "Internal error; see the server log.",
        });
      }
    });
  };
}
