/**
 * Subscriptions and alert rules as people see them in `/offers list` and the Home tab, and the Home
 * refresh that follows every change.
 */

import { DateTime } from "luxon";
import { skippedStatusText } from "../../templates/conditions.ts";
import { connectionBlocks } from "../../templates/connect.ts";
import { homeView, type ItemSummary } from "../../templates/item-list.ts";
import { describeRule } from "../alerts/describe.ts";
import { parseRule } from "../alerts/rules.ts";
import type { AppDeps } from "../app/deps.ts";
import { workspaceLanguage } from "../app/language.ts";
import { EN, type Messages, messages } from "../i18n/index.ts";
import { optionWords, whenFromWord } from "../report/conditions.ts";
import { whenInWords } from "../report/when.ts";
import { describeSchedule } from "../schedule/describe.ts";
import { type AlertRuleRecord, listAlertRulesByChannel, listAlertRulesByCreator } from "../store/alerts.ts";
import {
  listSubscriptionsByChannel,
  listSubscriptionsByCreator,
  type Subscription,
} from "../store/subscriptions.ts";
import { teamLanguage } from "../store/team-settings.ts";

/** The words that recreate the subscription's query and options: `last 24h interval=1h when=nonzero`. */
export function subscriptionWords(s: Subscription): string {
  const options = optionWords({ when: whenFromWord(s.deliverWhen), csv: s.attachCsv });
  return [s.query, ...options].filter((w) => w !== "").join(" ");
}

/** "skipped at 08:00: no usages" for the last run when its condition skipped it, else null. */
function skippedStatus(s: Subscription, now: number, m: Messages): string | null {
  if (s.lastSkippedAt === null || s.lastSkipReason === null) return null;
  const dt = DateTime.fromMillis(s.lastSkippedAt, { zone: s.timezone });
  const sameDay = dt.hasSame(DateTime.fromMillis(now, { zone: s.timezone }), "day");
  return skippedStatusText(
    sameDay
      ? dt.setLocale(m.dateLocale).toFormat(m.t("fmt.time"))
      : whenInWords(s.lastSkippedAt, s.timezone, m),
    s.lastSkipReason,
    m,
    sameDay,
  );
}

export function subscriptionSummary(s: Subscription, now: number, m: Messages = EN): ItemSummary {
  const failed = s.consecutiveFailures > 0 ? m.t("list.failedRuns", { n: s.consecutiveFailures }) : null;
  return {
    id: s.id,
    kind: "digest",
    channelId: s.channelId,
    what: describeSchedule(s.cron, s.timezone, m),
    query: subscriptionWords(s),
    state: s.state,
    pausedReason: s.pausedReason,
    nextRun: s.nextRunAt === null ? null : `${whenInWords(s.nextRunAt, s.timezone, m)} ${s.timezone}`,
    status: failed ?? skippedStatus(s, now, m),
  };
}

/** "below 5 per 1h: fewer than 5 usages per hour…": the rule as typed, then in words. */
function ruleInWords(ruleText: string, m: Messages): string {
  try {
    return `${ruleText}: ${describeRule(parseRule(ruleText).rule, m)}`;
  } catch {
    return ruleText;
  }
}

export function alertSummary(a: AlertRuleRecord, now: number, m: Messages = EN): ItemSummary {
  const notes: string[] = [];
  if (a.muted) notes.push(m.t("list.muted"));
  if (a.snoozedUntil !== null && a.snoozedUntil > now)
    notes.push(m.t("list.snoozedUntil", { when: whenInWords(a.snoozedUntil, a.timezone, m) }));
  return {
    id: a.id,
    kind: "alert",
    channelId: a.channelId,
    what: ruleInWords(a.ruleText, m),
    query: a.query,
    state: a.state,
    pausedReason: a.pausedReason,
    nextRun: null,
    status: notes.length > 0 ? notes.join(", ") : null,
  };
}

export async function channelItems(
  deps: AppDeps,
  teamId: string,
  channelId: string,
  m: Messages = EN,
): Promise<ItemSummary[]> {
  const [subs, rules] = await Promise.all([
    listSubscriptionsByChannel(deps.db, teamId, channelId),
    listAlertRulesByChannel(deps.db, teamId, channelId),
  ]);
  const now = deps.clock.now();
  return [
    ...subs.map((s) => subscriptionSummary(s, now, m)),
    ...rules.map((r) => alertSummary(r, now, m)),
  ].sort((a, b) => a.id - b.id);
}

export async function userItems(
  deps: AppDeps,
  teamId: string,
  userId: string,
  m: Messages = EN,
): Promise<ItemSummary[]> {
  const [subs, rules] = await Promise.all([
    listSubscriptionsByCreator(deps.db, teamId, userId),
    listAlertRulesByCreator(deps.db, teamId, userId),
  ]);
  const now = deps.clock.now();
  return [
    ...subs.map((s) => subscriptionSummary(s, now, m)),
    ...rules.map((r) => alertSummary(r, now, m)),
  ].sort((a, b) => a.id - b.id);
}

/** Publishes the user's Home tab. Failures are logged, never shown: Home is a convenience. */
export async function publishHome(deps: AppDeps, teamId: string, userId: string): Promise<void> {
  try {
    // The Home tab speaks the workspace's language and shows where it is chosen.
    const m = messages(await workspaceLanguage(deps, teamId));
    const chosen = await teamLanguage(deps.db, teamId);
    const view = homeView(await userItems(deps, teamId, userId, m), m, {
      chosen,
      fallback: deps.defaultLanguage ?? "en",
    });
    // OAuth mode: the workspace's Placewise access and its button come first.
    if (deps.teams !== undefined)
      view.blocks.unshift(...connectionBlocks(await deps.teams.connection(teamId), m));
    await deps.web.views.publish({ user_id: userId, view: view as never });
  } catch (e) {
    deps.log.warn("could not publish the Home tab", { user: userId, error: (e as Error).message });
  }
}
