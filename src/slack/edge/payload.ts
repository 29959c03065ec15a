/**
 * Bolt parses a body and then reads properties off the result (`body.ssl_check`) outside any
 * try/catch, so a signed body that parses to `null` threw an uncaught TypeError and ended the
 * process. This parses exactly as Bolt's parseHTTPRequestBody does (Bolt 5.1) and says what is
 * wrong unless the result is a plain object, so only objects reach Bolt.
 */
import { parse } from "node:querystring";

const FORM = "application/x-www-form-urlencoded";

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}

/** Null when Bolt may have the body; otherwise what is wrong, for the 400 answer. */
export function payloadProblem(rawBody: Buffer, contentType: string | undefined): string | null {
  const text = rawBody.toString();
  let parsed: unknown;
  let what: string;
  if (contentType === FORM) {
    const form = parse(text);
    // Bolt takes a `payload` field as the whole body when it is one string (interactivity).
    if (typeof form.payload !== "string") return null;
    what = "the payload field";
    try {
      parsed = JSON.parse(form.payload);
    } catch {
      return "the payload field must be a JSON object; it is not valid JSON";
    }
  } else {
    what = "a JSON body";
    try {
      parsed = JSON.parse(text);
    } catch {
      return "a body that is not form-encoded must be a JSON object; it is not valid JSON";
    }
  }
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return null;
  return `${what} must be a JSON object, not ${kind(parsed)}`;
}
