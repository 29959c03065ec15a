import type { WebClient } from "@slack/web-api";
import { createWebClient } from "../../src/delivery/web-client.ts";
import { type SlackEmulator, startSlackEmulator } from "../../src/local/slack-emulator/index.ts";
import type { EmulatorOptions } from "../../src/local/slack-emulator/types.ts";

export {
  EMULATOR_DEFAULTS,
  type SlackEmulator,
  startSlackEmulator,
} from "../../src/local/slack-emulator/index.ts";
export type * from "../../src/local/slack-emulator/types.ts";

/** Starts the loopback Slack for a test, with call recording and faults; close it after the test. */
export const startSlackFake = (opts: EmulatorOptions = {}): Promise<SlackEmulator> =>
  startSlackEmulator({ testHooks: true, ...opts });

/** A real WebClient (no client-side retries) pointed at the emulator. */
export function clientFor(emulator: SlackEmulator, token = emulator.token): WebClient {
  return createWebClient({ token, slackApiUrl: emulator.apiUrl });
}
