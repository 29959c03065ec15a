/** `/offers pause|resume|delete|run N` and the same buttons: check who asks and from where, then act. */

import { DateTime } from "luxon";
import { cooldownReply, infoReply } from "../../../templates/replies.ts";
import type { Reply } from "../../../templates/reply.ts";
import type { AppDeps } from "../../app/deps.ts";
import { EN, type Messages } from "../../i18n/index.ts";
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
function label(item: Item, m: Messages): string {
  return item.kind === "digest"
    ? m.t("manage.subscription", { id: item.subscription.id })
    : m.t("manage.alert", { id: item.rule.id });
}

const ALREADY = {
  paused: "manage.alreadyPaused",
  active: "manage.alreadyActive",
  deleted: "manage.alreadyDeleted",
} as const;
const DONE = { pause: "manage.paused", resume: "manage.resumed", delete: "manage.deleted" } as const;

async function change(
  deps: AppDeps,
  caller: Caller,
  item: Item,
  verb: "pause" | "resume" | "delete",
  m: Messages,
): Promise<Reply> {
  const now = deps.clock.now();
  const state = verb === "pause" ? "paused" : verb === "resume" ? "active" : "deleted";
  if (stateOf(item) === state) return infoReply(m.t(ALREADY[state], { item: label(item, m) }));
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
    if (next !== null)
      extra = ` ${m.t("manage.nextRun", { when: whenInWords(next, s.timezone, m), zone: s.timezone })}`;
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
  return infoReply(`${m.t(DONE[verb], { item: label(item, m) })}${extra}`);
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
  m: Messages = EN,
): Promise<Reply> {
  // Without a response_url nothing is handed off: the run is done here and answered here.
  const { responseUrl: _, ...here } = caller;
  const reply = await commandOnItem(deps, here, verb, id, surface, m);
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
  m: Messages = EN,
): Promise<Reply | null> {
  const verdict = await authorize(deps, caller, id, verb === "run" ? "post" : "change", surface, m);
  if (!verdict.ok) return verdict.reply;
  const item = verdict.item;
  if (verb !== "run") return change(deps, caller, item, verb, m);
  if (item.kind === "alert") return infoReply(m.t("manage.alertNoRun", { id }));
  return runNow(deps, caller, item.subscription, m);
}

/**
 * Posts the digest into its channel (which is the caller's: authorize saw to that), once a minute at
 * most. Null when it was handed to a worker (AppDeps.handOff): the worker sends the same answer.
 */
async function runNow(deps: AppDeps, caller: Caller, s: Subscription, m: Messages): Promise<Reply | null> {
  const claim = claimManualRun(deps, caller.teamId, s.id);
  if (!claim.ok) {
    const at = DateTime.fromMillis(claim.lastAt, { zone: s.timezone }).toFormat(m.t("fmt.time"));
    return cooldownReply(s.id, at, Math.ceil(claim.waitMs / 1000), m);
  }
  const now = deps.clock.now();
  const done = infoReply(m.t("manage.ranNow", { id: s.id }));
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
