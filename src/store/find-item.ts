/**
 * The id space shared by subscriptions and alert rules. Users type `/offers pause 12` without saying
 * which kind #12 is; `findItem` answers, within the caller's team only.
 */
import type { Kysely } from "kysely";
import { type AlertRuleRecord, getAlertRule } from "./alerts.ts";
import { checkTeam, isId } from "./errors.ts";
import type { Schema } from "./schema.ts";
import { getSubscription, type Subscription } from "./subscriptions.ts";

export type Item = { kind: "digest"; subscription: Subscription } | { kind: "alert"; rule: AlertRuleRecord };

/** The subscription or alert rule with this id in this team (deleted ones included), or null. */
export async function findItem(db: Kysely<Schema>, teamId: string, id: number): Promise<Item | null> {
  if (!isId(id)) return null;
  const item = await db
    .selectFrom("items")
    .select("kind")
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", id)
    .executeTakeFirst();
  if (item === undefined) return null;
  if (item.kind === "digest") {
    const subscription = await getSubscription(db, teamId, id);
    return subscription === null ? null : { kind: "digest", subscription };
  }
  const rule = await getAlertRule(db, teamId, id);
  return rule === null ? null : { kind: "alert", rule };
}
