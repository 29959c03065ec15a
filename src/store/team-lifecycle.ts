/**
 * What happens to a workspace's items when the app leaves it (app_uninstalled, tokens_revoked):
 * every active digest and alert is paused with one reason, so a reinstall within 30 days resumes
 * exactly those (and not ones a person paused); after 30 days everything of the team is purged.
 */
import type { Kysely } from "kysely";
import { nextRuns } from "../schedule/next.ts";
import { checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

/** The paused_reason of items paused because the app was removed from their workspace. */
export const UNINSTALLED_REASON = "the app was removed from this workspace";
/** The paused_reason of items waiting for the team's Placewise access (`/offers connect`). */
export const DISCONNECTED_REASON = "this workspace's Placewise access is not connected: type /offers connect";
/** Items of an uninstalled team wait this long for a reinstall, then are purged. */
export const KEEP_AFTER_UNINSTALL_MS = 30 * 24 * 3_600_000;

/** Pauses every active digest and alert of the team with `reason`; returns how many. */
export async function pauseTeamItems(
  db: Kysely<Schema>,
  teamId: string,
  reason: string,
  now: number,
): Promise<number> {
  checkTeam(teamId);
  const subs = await db
    .updateTable("subscriptions")
    .set({ state: "paused", paused_reason: reason, next_run_at: null, updated_at: now })
    .where("team_id", "=", teamId)
    .where("state", "=", "active")
    .executeTakeFirst();
  const rules = await db
    .updateTable("alert_rules")
    .set({ state: "paused", paused_reason: reason, updated_at: now })
    .where("team_id", "=", teamId)
    .where("state", "=", "active")
    .executeTakeFirst();
  return Number(subs.numUpdatedRows) + Number(rules.numUpdatedRows);
}

/** Items paused for one reason now wait for another (a reinstall: they wait for /offers connect). */
export async function repauseTeamItems(
  db: Kysely<Schema>,
  teamId: string,
  from: string,
  to: string,
  now: number,
): Promise<void> {
  checkTeam(teamId);
  for (const table of ["subscriptions", "alert_rules"] as const) {
    await db
      .updateTable(table)
      .set({ paused_reason: to, updated_at: now })
      .where("team_id", "=", teamId)
      .where("state", "=", "paused")
      .where("paused_reason", "=", from)
      .execute();
  }
}

/** The items paused for `reason` run again, from their next scheduled time; returns how many. */
export async function resumeTeamItems(
  db: Kysely<Schema>,
  teamId: string,
  reason: string,
  now: number,
): Promise<number> {
  checkTeam(teamId);
  const subs = await db
    .selectFrom("subscriptions")
    .select(["id", "cron", "timezone"])
    .where("team_id", "=", teamId)
    .where("state", "=", "paused")
    .where("paused_reason", "=", reason)
    .execute();
  for (const s of subs) {
    await db
      .updateTable("subscriptions")
      .set({
        state: "active",
        paused_reason: null,
        next_run_at: nextRuns(s, now, 1)[0] ?? null,
        consecutive_failures: 0,
        updated_at: now,
      })
      .where("team_id", "=", teamId)
      .where("id", "=", s.id)
      .where("paused_reason", "=", reason)
      .execute();
  }
  const rules = await db
    .updateTable("alert_rules")
    .set({ state: "active", paused_reason: null, updated_at: now })
    .where("team_id", "=", teamId)
    .where("state", "=", "paused")
    .where("paused_reason", "=", reason)
    .executeTakeFirst();
  return subs.length + Number(rules.numUpdatedRows);
}

/** Deletes every row of the team (children first, for the foreign keys). */
export async function purgeTeam(db: Kysely<Schema>, teamId: string): Promise<void> {
  checkTeam(teamId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("alert_evaluations").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("alert_states").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("delivery_runs").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("alert_rules").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("subscriptions").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("notices").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("items").where("team_id", "=", teamId).execute();
    await trx.deleteFrom("placewise_connections").where("team_id", "=", teamId).execute();
  });
}
