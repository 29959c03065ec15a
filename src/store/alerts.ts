/**
 * Alert rules. Team-scoped like subscriptions, sharing their id space; `activeAlertRules` is the one
 * cross-team read (for the worker).
 */
import type { Kysely, Selectable } from "kysely";
import { checkId, checkOneOf, checkTeam, isId } from "./errors.ts";
import { allocateItemId } from "./item-ids.ts";
import { type AlertRulesTable, ITEM_STATES, type ItemState, type Schema } from "./schema.ts";

export interface AlertRuleRecord {
  readonly id: number;
  readonly teamId: string;
  readonly channelId: string;
  readonly creatorId: string;
  /** The condition as typed, e.g. `below 5 per 1h`. */
  readonly ruleText: string;
  /** The query words the rule watches, e.g. `offer_type=birthday`. */
  readonly query: string;
  readonly timezone: string;
  readonly state: ItemState;
  readonly pausedReason: string | null;
  /** No notifications before this time (ms); evaluation continues so state stays current. */
  readonly snoozedUntil: number | null;
  readonly muted: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Start (ms) of the newest bucket evaluated; the worker resumes after it. */
  readonly lastEvaluatedBucket: number | null;
}

export interface NewAlertRule {
  readonly teamId: string;
  readonly channelId: string;
  readonly creatorId: string;
  readonly ruleText: string;
  readonly query: string;
  readonly timezone: string;
  readonly now: number;
}

function toAlertRule(r: Selectable<AlertRulesTable>): AlertRuleRecord {
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    creatorId: r.creator_id,
    ruleText: r.rule_text,
    query: r.query,
    timezone: r.timezone,
    state: r.state,
    pausedReason: r.paused_reason,
    snoozedUntil: r.snoozed_until,
    muted: r.muted === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastEvaluatedBucket: r.last_evaluated_bucket,
  };
}

export async function createAlertRule(db: Kysely<Schema>, a: NewAlertRule): Promise<AlertRuleRecord> {
  checkTeam(a.teamId);
  return db.transaction().execute(async (trx) => {
    const id = await allocateItemId(trx, a.teamId, "alert", a.now);
    const row = await trx
      .insertInto("alert_rules")
      .values({
        id,
        team_id: a.teamId,
        channel_id: a.channelId,
        creator_id: a.creatorId,
        rule_text: a.ruleText,
        query: a.query,
        timezone: a.timezone,
        state: "active",
        paused_reason: null,
        snoozed_until: null,
        muted: 0,
        created_at: a.now,
        updated_at: a.now,
        last_evaluated_bucket: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAlertRule(row);
  });
}

/** This team's alert rule #id, whatever its state; null if the team has none with that id. */
export async function getAlertRule(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
): Promise<AlertRuleRecord | null> {
  if (!isId(id)) return null;
  const row = await db
    .selectFrom("alert_rules")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toAlertRule(row);
}

/** The channel's live (active or paused) rules, oldest first. */
export function listAlertRulesByChannel(
  db: Kysely<Schema>,
  teamId: string,
  channelId: string,
): Promise<AlertRuleRecord[]> {
  return listLive(db, teamId, "channel_id", channelId);
}

/** The live rules a user created in any channel of the team, oldest first. */
export function listAlertRulesByCreator(
  db: Kysely<Schema>,
  teamId: string,
  creatorId: string,
): Promise<AlertRuleRecord[]> {
  return listLive(db, teamId, "creator_id", creatorId);
}

/** Pauses, resumes or deletes; deleted is final. Null (nothing changed) when the team has no live rule #id. */
export async function setAlertRuleState(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  change: { state: ItemState; reason?: string | null; now: number },
): Promise<AlertRuleRecord | null> {
  const state = checkOneOf("alert rule state", change.state, ITEM_STATES);
  return updateLive(db, teamId, id, {
    state,
    paused_reason: state === "paused" ? (change.reason ?? null) : null,
    updated_at: change.now,
  });
}

export async function deleteAlertRule(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  now: number,
): Promise<boolean> {
  return (await setAlertRuleState(db, teamId, id, { state: "deleted", now })) !== null;
}

/** What an edit changes: the condition, the words it watches and its zone. */
export interface AlertRuleEdit {
  readonly ruleText: string;
  readonly query: string;
  readonly timezone: string;
  readonly now: number;
}

/**
 * Replaces live rule #id's condition, query and zone. The edited rule starts afresh, in one
 * transaction: its per-label states (firing, pending, the open incident, the cooldown's last
 * firing) are dropped, so the next evaluation starts from ok and judges only the newest complete
 * bucket (last evaluated: none). No "resolved" is ever sent for the old condition's incident and no
 * reminder of it follows (README.md, "Editing an alert"). Pause, snooze and mute are kept.
 * Null (nothing changed) when the team has no live rule #id.
 */
export async function updateAlertRule(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  edit: AlertRuleEdit,
): Promise<AlertRuleRecord | null> {
  checkTeam(teamId);
  checkId("Alert rule", id);
  return db.transaction().execute(async (trx) => {
    const updated = await updateLive(trx, teamId, id, {
      rule_text: edit.ruleText,
      query: edit.query,
      timezone: edit.timezone,
      last_evaluated_bucket: null,
      updated_at: edit.now,
    });
    if (updated === null) return null;
    await trx.deleteFrom("alert_states").where("team_id", "=", teamId).where("rule_id", "=", id).execute();
    return updated;
  });
}

/** Silences notifications until `until` (ms), or lifts a snooze with null. */
export async function snoozeAlertRule(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  until: number | null,
  now: number,
): Promise<AlertRuleRecord | null> {
  return updateLive(db, teamId, id, { snoozed_until: until, updated_at: now });
}

/** Mutes or unmutes notifications with no end time. */
export async function muteAlertRule(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  muted: boolean,
  now: number,
): Promise<AlertRuleRecord | null> {
  return updateLive(db, teamId, id, { muted: muted ? 1 : 0, updated_at: now });
}

/**
 * Records the newest evaluated bucket. Only moves forward, so a slow worker finishing an older
 * bucket after a newer one cannot make the next tick evaluate the newer bucket again.
 */
export async function setLastEvaluatedBucket(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  bucketStart: number,
): Promise<boolean> {
  const result = await db
    .updateTable("alert_rules")
    .set({ last_evaluated_bucket: bucketStart })
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Alert rule", id))
    .where((eb) =>
      eb.or([eb("last_evaluated_bucket", "is", null), eb("last_evaluated_bucket", "<", bucketStart)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Active rules across ALL teams, by id. Not team-scoped because the worker serves every workspace;
 * all it does with a rule afterwards goes through team-scoped calls with rule.teamId.
 */
export async function activeAlertRules(db: Kysely<Schema>, limit = 1000): Promise<AlertRuleRecord[]> {
  const rows = await db
    .selectFrom("alert_rules")
    .selectAll()
    .where("state", "=", "active")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toAlertRule);
}

async function updateLive(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  set: Partial<Omit<Selectable<AlertRulesTable>, "id" | "team_id">>,
): Promise<AlertRuleRecord | null> {
  const row = await db
    .updateTable("alert_rules")
    .set(set)
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Alert rule", id))
    .where("state", "!=", "deleted")
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : toAlertRule(row);
}

/** Live (active or paused) rows of the team where `column` equals `value`, oldest first. */
async function listLive(
  db: Kysely<Schema>,
  teamId: string,
  column: "channel_id" | "creator_id",
  value: string,
): Promise<AlertRuleRecord[]> {
  const rows = await db
    .selectFrom("alert_rules")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where(column, "=", value)
    .where("state", "!=", "deleted")
    .orderBy("id")
    .execute();
  return rows.map(toAlertRule);
}
