import type { EmulatorChannel, EmulatorMessage, SlackEmulator } from "../slack-emulator/index.ts";

/** Where on the page a message shows: the one channel, or the app's Messages tab (the DM). */
export type Place = "channel" | "dm";

/** Slack names every 1:1 conversation "directmessage" in interaction payloads. */
export const DM_CHANNEL_NAME = "directmessage";

/** The person's DM with the bot: an IM whose only members are the two of them. */
export function isDmWith(c: EmulatorChannel | undefined, botUserId: string, userId: string): boolean {
  return (
    c?.isIm === true && c.members.length === 2 && c.members.includes(botUserId) && c.members.includes(userId)
  );
}

/**
 * The DM's id once the bot has opened it with `conversations.open`; undefined before. Looked up on
 * each use, not remembered: the bot may open it at any moment after the page loaded.
 */
export function dmChannelId(emulator: SlackEmulator, userId: string): string | undefined {
  for (const c of emulator.channels.values()) if (isDmWith(c, emulator.botUserId, userId)) return c.id;
  return undefined;
}

/** Where the person sees `m`, or null: other channels, and ephemeral messages meant for someone else. */
export function placeOf(
  scope: { channelId: string; userId: string },
  emulator: SlackEmulator,
  m: Pick<EmulatorMessage, "channel" | "ephemeral" | "ephemeralUser">,
): Place | null {
  if (m.ephemeral && m.ephemeralUser !== scope.userId) return null;
  if (m.channel === scope.channelId) return "channel";
  return isDmWith(emulator.channels.get(m.channel), emulator.botUserId, scope.userId) ? "dm" : null;
}
