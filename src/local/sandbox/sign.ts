import { createHmac } from "node:crypto";

export interface SlackSignatureHeaders {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
}

/**
 * Signs a request body the way Slack does (signing secret v0): hex HMAC-SHA256 over
 * `v0:<timestamp>:<raw body>`. Bolt refuses a timestamp more than 5 minutes from its clock.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  timestampSeconds: number,
): SlackSignatureHeaders {
  const ts = String(Math.floor(timestampSeconds));
  const mac = createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${mac}`, "x-slack-request-timestamp": ts };
}
