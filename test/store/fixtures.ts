/** Small builders for store tests: a valid subscription or alert rule with only the interesting fields named. */
import { type AlertRuleRecord, createAlertRule, type NewAlertRule } from "../../src/store/alerts.ts";
import type { Db } from "../../src/store/db.ts";
import {
  createSubscription,
  type NewSubscription,
  type Subscription,
} from "../../src/store/subscriptions.ts";
import { NOW } from "./databases.ts";

export function subscription(
  db: Db,
  teamId: string,
  over: Partial<NewSubscription> = {},
): Promise<Subscription> {
  return createSubscription(db, {
    teamId,
    channelId: "C-general",
    creatorId: "U-ann",
    query: "last 24h interval=1h",
    scheduleText: "daily 08:00",
    cron: "0 8 * * *",
    timezone: "Europe/Oslo",
    nextRunAt: NOW + 3_600_000,
    now: NOW,
    ...over,
  });
}

export function alertRule(
  db: Db,
  teamId: string,
  over: Partial<NewAlertRule> = {},
): Promise<AlertRuleRecord> {
  return createAlertRule(db, {
    teamId,
    channelId: "C-general",
    creatorId: "U-ann",
    ruleText: "below 5 per 1h",
    query: "offer_type=birthday",
    timezone: "Europe/Oslo",
    now: NOW,
    ...over,
  });
}
