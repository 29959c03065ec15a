/** Who may change what, and whether the bot can post where it is asked to. */
import type { WebClient } from "@slack/web-api";

/**
 * Pause, resume and delete belong to the item's creator and to workspace admins and owners.
 * users.info needs the `users:read` scope; if it fails we refuse rather than guess.
 */
export async function canManage(web: WebClient, userId: string, creatorId: string): Promise<boolean> {
  if (userId === creatorId) return true;
  try {
    const info = await web.users.info({ user: userId });
    return Boolean(info.user?.is_admin || info.user?.is_owner || info.user?.is_primary_owner);
  } catch {
    return false;
  }
}

/**
 * Whether the bot is a member of the channel. A private channel the bot is not in answers
 * `channel_not_found`; a DM with the bot is always fine.
 */
export async function botInChannel(web: WebClient, channelId: string): Promise<boolean> {
  if (channelId.startsWith("D")) return true;
  try {
    const info = await web.conversations.info({ channel: channelId });
    const c = info.channel as { is_member?: boolean; is_im?: boolean } | undefined;
    return Boolean(c?.is_member || c?.is_im);
  } catch {
    return false;
  }
}
