/**
 * The part of Slack's signature that can be judged from the headers alone: present, well formed,
 * and fresh. Checked before a byte of the body is read, so a client without them costs one
 * header parse and never a buffered body.
 */
import type { IncomingHttpHeaders } from "node:http";

/** Slack signs `v0:` + hex HMAC-SHA256: always 64 lowercase hex digits. */
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
/** Unix seconds; 12 digits reach the year 33658, enough to refuse nonsense without overflow. */
const TIMESTAMP = /^\d{1,12}$/;

export interface FreshnessWindow {
  /** Oldest accepted timestamp, seconds before now: Slack's and Bolt's 5 minutes. */
  readonly maxAgeSeconds: number;
  /** Newest accepted timestamp, seconds after now (clock skew). */
  readonly maxFutureSeconds: number;
}

export type HeaderVerdict =
  | { readonly ok: true; readonly timestamp: number; readonly signature: string }
  | { readonly ok: false; readonly reason: string };

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === "string" ? v : undefined;
}

export function checkSignatureHeaders(
  headers: IncomingHttpHeaders,
  nowMs: number,
  window: FreshnessWindow,
): HeaderVerdict {
  const signature = single(headers, "x-slack-signature");
  const stamp = single(headers, "x-slack-request-timestamp");
  if (signature === undefined || stamp === undefined)
    return { ok: false, reason: "x-slack-signature and x-slack-request-timestamp are required" };
  if (!SIGNATURE.test(signature))
    return { ok: false, reason: "x-slack-signature must be v0= followed by 64 hex digits" };
  if (!TIMESTAMP.test(stamp))
    return { ok: false, reason: "x-slack-request-timestamp must be whole seconds since 1970" };
  const timestamp = Number(stamp);
  // Whole seconds, as Bolt compares them, so both gates agree on the edge of the window.
  const nowS = Math.floor(nowMs / 1000);
  if (timestamp < nowS - window.maxAgeSeconds)
    return { ok: false, reason: `request timestamp is more than ${window.maxAgeSeconds} s old` };
  if (timestamp > nowS + window.maxFutureSeconds)
    return { ok: false, reason: "request timestamp is in the future" };
  return { ok: true, timestamp, signature };
}
