/**
 * The Slack workspace the end-to-end tests talk to: who is in it and which channels the bot sits in.
 * Ids look like Slack's so that escaping and mentions behave as they would there.
 */

import {
  type EmulatorChannel,
  type SlackEmulator,
  startSlackEmulator,
} from "../../../src/local/slack-emulator/index.ts";
import type { Clock } from "../../../src/util/clock.ts";

export const TEAM = "T0ACME";
/** A second workspace sharing the same install, for team scoping. */
export const OTHER_TEAM = "T0OTHER";
export const BOT = "U0OFFERBOT";

export const USERS = {
  /** Creates items in most tests; not an admin. */
  creator: { id: "U0CAROL", name: "carol" },
  /** Neither creator nor admin: may list and run, not change. */
  other: { id: "U0OLAV", name: "olav" },
  admin: { id: "U0ADA", name: "ada" },
} as const;

export const CHANNELS = {
  /** Public, the bot is a member. */
  offers: { id: "C0OFFERS", name: "offers" },
  /** Private, the bot was never invited. */
  secret: { id: "G0SECRET", name: "secret-plans" },
} as const;

/** Extra public channels with the bot, e.g. one per concurrent command in the benchmark. */
export function extraChannelId(i: number): string {
  return `C0LOAD${String(i).padStart(3, "0")}`;
}

/** `limits`: Slack's rate limits enforced by the emulator (the benchmarks); off in tests. */
export async function startWorkspace(
  clock: Clock,
  extraChannels = 0,
  opts: { limits?: boolean } = {},
): Promise<SlackEmulator> {
  const people = Object.values(USERS).map((u) => u.id);
  const channels: EmulatorChannel[] = [
    { id: CHANNELS.offers.id, name: CHANNELS.offers.name, members: [BOT, ...people] },
    { id: CHANNELS.secret.id, name: CHANNELS.secret.name, isPrivate: true, members: people },
  ];
  for (let i = 0; i < extraChannels; i++) {
    channels.push({ id: extraChannelId(i), name: `load-${i}`, members: [BOT, ...people] });
  }
  return startSlackEmulator({
    testHooks: true,
    clock,
    ...(opts.limits ? { limits: true } : {}),
    teamId: TEAM,
    botUserId: BOT,
    channels,
    users: [
      { id: USERS.creator.id, name: USERS.creator.name },
      { id: USERS.other.id, name: USERS.other.name },
      { id: USERS.admin.id, name: USERS.admin.name, isAdmin: true },
    ],
  });
}
