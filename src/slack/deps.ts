import type { Reply } from "../../templates/reply.ts";

/** Who asked, where: from a slash command or a button press. */
export interface Caller {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  /**
   * Slack's response_url of a slash command: with it a report may be handed to a worker
   * (AppDeps.handOff), which answers the caller there. Buttons leave it out and run in place.
   */
  readonly responseUrl?: string;
}

/** Sends an answer back to the person (ephemeral unless said otherwise), via response_url. */
export type Respond = (reply: Reply & { inChannel?: boolean; replaceOriginal?: boolean }) => Promise<void>;
