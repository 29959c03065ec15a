/** `/offers pause|resume|delete|run N` and the same buttons: check who asks and from where, then act. */

import { DateTime } from "luxon";
import { cooldownReply, infoReply } from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { whenInWords } from "../../report/when.ts";
import { nextRuns } from "../../schedule/next.ts";
import { setAlertRuleState } from "../../store/alerts.ts";
import type { Item } from "../../store/find-item.ts";
import { type Subscription, setSubscriptionState } from "../../store/subscriptions.ts";
import { InputError } from "../../util/errors.ts";
import type { ItemVerb } from "../commands/parse.ts";
import { claimManualRun } from "../cooldown.ts";
import type { Caller } from "../deps.ts";
import { publishHome } from "../item-views.ts";
import { authorize, creatorOf, type Surface } from "../permissions.ts";
import { postReport } from "./report.ts";

function stateOf(item: Item): string {
  return item.kind === "digest" ? item.subscription.state : item.rule.state;
}
function label(item: Item): string {
  return item.kind === "digest" ? `Subscription #${item.subscription.id}` : `Alert #${item.rule.id}`;
}

async function change(
  deps: AppDeps,
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

/**
 * `surface` says where the request came from (see permissions.ts): a typed command and a list button
 * come from a channel, the Home tab's buttons from Home, the preview's Discard from the creator's DM.
 */
export async function manageItem(
  deps: AppDeps,
  caller: Caller,
  verb: ItemVerb,
  id: number,
  surface: Surface = "channel",
): Promise<Reply> {
  // Without a response_url nothing is handed off: the run is done here and answered here.
  const { responseUrl: _, ...here } = caller;
  const reply = await commandOnItem(deps, here, verb, id, surface);
  if (reply === null) throw new Error("a run was handed off without a response_url");
  return reply;
}

/**
 * `/offers pause|resume|delete|run N` typed: as manageItem, but a run may be handed to a worker
 * (AppDeps.handOff, caller.responseUrl), and then null: the worker sends the answer.
 */
export async function commandOnItem(
  deps: AppDeps,
  caller: Caller,
  verb: ItemVerb,
  id: number,
  surface: Surface = "channel",
): Promise<Reply | null> {
  const verdict = await authorize(deps, caller, id, verb === "run" ? "post" : "change", surface);
  if (!verdict.ok) return verdict.reply;
  const item = verdict.item;
  if (verb !== "run") return change(deps, caller, item, verb);
  if (item.kind === "alert") {
    return infoReply(
      `Alert #${id} is checked after every completed bucket; there is nothing to run by hand.`,
    );
  }
  return runNow(deps, caller, item.subscription);
}

/**
 * Posts the digest into its channel (which is the caller's: authorize saw to that), once a minute at
 * most. Null when it was handed to a worker (AppDeps.handOff): the worker sends the same answer.
 */
async function runNow(deps: AppDeps, caller: Caller, s: Subscription): Promise<Reply | null> {
  const claim = claimManualRun(deps, caller.teamId, s.id);
  if (!claim.ok) {
    const at = DateTime.fromMillis(claim.lastAt, { zone: s.timezone }).toFormat("HH:mm");
    return cooldownReply(s.id, at, Math.ceil(claim.waitMs / 1000));
  }
  const now = deps.clock.now();
  const done = infoReply(`Subscription #${s.id} ran now; the digest is in this channel.`);
  try {
    const r = await postReport(
      deps,
      { ...caller, channelId: s.channelId },
      s.query,
      `manual:${s.id}:${now}`,
      undefined,
      done,
    );
    if (r.handedOff) return null;
  } catch (e) {
    // Nothing was posted when the words or the channel were wrong: let them try again at once.
    if (e instanceof InputError) claim.release();
    throw e;
  }
  return done;
}
