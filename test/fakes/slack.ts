import type { WebClient } from "@slack/web-api";
import { type SlackEmulator, startSlackEmulator } from "../../src/slack/emulator/index.ts";
import { createWebClient } from "../../src/slack/web-client.ts";

export { EMULATOR_DEFAULTS, type SlackEmulator, startSlackEmulator } from "../../src/slack/emulator/index.ts";
export type * from "../../src/slack/emulator/types.ts";

/** Starts the loopback Slack for a test; close it in afterEach/afterAll. */
export const startSlackFake = startSlackEmulator;

/** A real WebClient (no client-side retries) pointed at the emulator. */
export function clientFor(emulator: SlackEmulator, token = emulator.token): WebClient {
  return createWebClient({ token, slackApiUrl: emulator.apiUrl });
}
