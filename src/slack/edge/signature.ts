/**
 * Slack's v0 request signature over the raw body, compared in constant time so the answer's timing
 * says nothing about how many leading digits of a forged signature were right.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signatureMatches(
  secret: string,
  timestamp: number,
  signature: string,
  rawBody: Buffer,
): boolean {
  const mac = createHmac("sha256", secret);
  mac.update(`v0:${timestamp}:`);
  mac.update(rawBody);
  const expected = Buffer.from(`v0=${mac.digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
