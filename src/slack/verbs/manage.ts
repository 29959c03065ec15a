/** `/offers pause|resume|delete|run N` and the same buttons: find the item, check who asks, act. */

import type { Reply } from "../../../templates/help.ts";
import { infoReply, refusedReply } from "../../../templates/replies.ts";
import { whenInWords } from "../../report/when.ts";
import { nextRuns } from "../../schedule/next.ts";
import { setAlertRuleState } from "../../store/alerts.ts";
import { findItem, type Item } from "../../store/items.ts";
import { setSubscriptionState } from "../../store/subscriptions.ts";
import type { ItemVerb } from "../commands/parse.ts";
import type { BotDeps, Caller } from "../deps.ts";
import { publishHome } from "../items.ts";
import { canManage } from "../permissions.ts";
import { postReport } from "./report.ts";

function creatorOf(item: Item): string {
  return item.kind === "digest" ? item.subscription.creatorId : item.rule.creatorId;
}
function stateOf(item: Item): string {
  return item.kind === "digest" ? item.subscription.state : item.rule.state;
}
function label(item: Item): string {
  return item.kind === "digest" ? `Subscription #${item.subscription.id}` : `Alert #${item.rule.id}`;
}

async function change(
  deps: BotDeps,
  caller: Caller,
  item: Item,
  verb: "pause" | "resume" | "delete",
): Promise<Reply> {
  const now = deps.clock.now();
  const state = verb === "pause" ? "paused" : verb === "resume" ? "active" : "deleted";
  if (stateOf(item) === state) return infoReply(`${label(item)} is already ${state}.`);
  let extra = "";
  if (item.kind === "digest") {
    const s = item.subscription;
    const next = state === "active" ? (nextRuns(s, now, 1)[0] ?? null) : null;
    await setSubscriptionState(deps.db, caller.teamId, s.id, {
      state,
      now,
      nextRunAt: next,
      reason: state === "paused" ? `paused by <@${caller.userId}>` : null,
    });
    if (next !== null) extra = ` Next run: ${whenInWords(next, s.timezone)} (${s.timezone}).`;
  } else {
    await setAlertRuleState(deps.db, caller.teamId, item.rule.id, {
      state,
      now,
      reason: state === "paused" ? `paused by <@${caller.userId}>` : null,
    });
  }
  deps.log.info(`item ${state}`, {
    team: caller.teamId,
    id: item.kind === "digest" ? item.subscription.id : item.rule.id,
    by: caller.userId,
  });
  void publishHome(deps, caller.teamId, creatorOf(item));
  if (creatorOf(item) !== caller.userId) void publishHome(deps, caller.teamId, caller.userId);
  const word = { pause: "paused", resume: "resumed", delete: "deleted" }[verb];
  return infoReply(`${label(item)} ${word}.${extra}`);
}

export async function manageItem(deps: BotDeps, caller: Caller, verb: ItemVerb, id: number): Promise<Reply> {
  const item = await findItem(deps.db, caller.teamId, id);
  if (item === null || stateOf(item) === "deleted") {
    return infoReply(
      `There is no subscription or alert #${id} in this workspace. \`/offers list\` shows this channel's ids.`,
    );
  }
  if (verb === "run") {
    if (item.kind === "alert")
      return infoReply(
        `Alert #${id} is checked after every completed bucket; there is nothing to run by hand.`,
      );
    const s = item.subscription;
    const now = deps.clock.now();
    await postReport(deps, { ...caller, channelId: s.channelId }, s.query, `manual:${s.id}:${now}`);
    return infoReply(`Subscription #${id} ran now; the digest is in <#${s.channelId}>.`);
  }
  if (!(await canManage(deps.web, caller.userId, creatorOf(item)))) return refusedReply(id, creatorOf(item));
  return change(deps, caller, item, verb);
}
