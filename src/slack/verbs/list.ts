import type { Reply } from "../../../templates/help.ts";
import { listReply } from "../../../templates/items.ts";
import type { BotDeps, Caller } from "../deps.ts";
import { channelItems } from "../items.ts";

/** `/offers list`: every subscription and alert of this channel, with buttons. Anyone may list. */
export async function listItems(deps: BotDeps, caller: Caller): Promise<Reply> {
  return listReply(await channelItems(deps, caller.teamId, caller.channelId));
}
