import { listReply } from "../../../templates/item-list.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, type Messages } from "../../i18n/index.ts";
import type { Caller } from "../deps.ts";
import { channelItems } from "../item-views.ts";

/** `/offers list`: every subscription and alert of this channel, with buttons. Anyone may list. */
export async function listItems(deps: AppDeps, caller: Caller, m: Messages = EN): Promise<Reply> {
  return listReply(await channelItems(deps, caller.teamId, caller.channelId, m), m);
}
