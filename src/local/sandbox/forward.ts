import { randomBytes } from "node:crypto";
import { signSlackRequest } from "./sign.ts";

/** Slack waits 3 s for the app to acknowledge a command or an interaction, then gives up. */
export const ACK_TIMEOUT_MS = 3000;

export interface Delivered {
  status: number;
  /** The app's acknowledgement body (Bolt's `ack(...)` argument), "" when it acked empty. */
  body: string;
  contentType: string;
}

/** POSTs a body to the bot's events endpoint signed as Slack would, with Slack's 3 s patience. */
export async function postSigned(
  url: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  secret: string,
  nowMs: number,
): Promise<Delivered> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...signSlackRequest(secret, body, nowMs / 1000) },
    body,
    signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get("content-type") ?? "" };
}

/**
 * What Slack shows for a command's acknowledgement: a body is a reply (ephemeral unless it says
 * in_channel); a JSON body is taken as a message, any other text as its `text`.
 */
export function ackAsReply(ack: Delivered): Record<string, unknown> | null {
  const raw = ack.body.trim();
  if (raw === "") return null;
  if (ack.contentType.includes("json") || raw.startsWith("{")) {
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // Not JSON after all; Slack shows it as text.
    }
  }
  return { text: raw };
}

/**
 * Slack's words when an app fails a command: "dispatch_failed" for an error answer, and
 * "operation_timeout" when no acknowledgement came within 3 s.
 */
export function dispatchError(e: unknown): "operation_timeout" | "dispatch_failed" {
  const name = e instanceof Error ? e.name : "";
  return name === "TimeoutError" || name === "AbortError" ? "operation_timeout" : "dispatch_failed";
}

/** Slack's trigger ids look like "<digits>.<digits>.<hex>"; the sandbox never opens modals with them. */
export function triggerId(nowMs: number): string {
  return `${Math.floor(nowMs / 1000)}.${Math.floor(nowMs % 1000)}.${randomBytes(16).toString("hex")}`;
}
