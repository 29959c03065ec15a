import type { IncomingMessage } from "node:http";
import { SandboxError } from "./types.ts";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (what a dual-stack server reports for 127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The Host header without its port, lower-cased; "[::1]" keeps its brackets. */
export function hostName(host: string | undefined): string {
  if (host === undefined) return "";
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0] ?? "";
}

/**
 * The sandbox acts as the workspace admin, so only this machine may use it. The socket address keeps
 * other machines out; the Host check stops a DNS-rebinding page (evil.example resolving to 127.0.0.1)
 * from reading the state through the visitor's browser.
 */
export function assertLocal(req: IncomingMessage): void {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    throw new SandboxError(
      "not_loopback",
      `the sandbox answers only this machine (loopback); request came from ${req.socket.remoteAddress ?? "an unknown address"}`,
      403,
    );
  }
  if (!LOOPBACK_HOSTS.has(hostName(req.headers.host))) {
    throw new SandboxError(
      "bad_host",
      `the sandbox is served at localhost or 127.0.0.1, not at host ${JSON.stringify(req.headers.host ?? "")}`,
      403,
    );
  }
}

/**
 * For requests that change something: a JSON body (a plain HTML form cannot send one without a CORS
 * preflight, which the sandbox never grants) and, when the browser names an Origin, the page's own.
 */
export function assertSameOrigin(req: IncomingMessage): void {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new SandboxError("bad_request", `send the body as application/json, not ${type || "nothing"}`, 415);
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let originHost = "";
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    // An unparsable Origin counts as foreign.
  }
  if (originHost !== (req.headers.host ?? "").toLowerCase()) {
    throw new SandboxError(
      "bad_origin",
      `requests must come from the sandbox page itself, not ${origin}`,
      403,
    );
  }
}
