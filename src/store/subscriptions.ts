/**
 * Scheduled digests. Every function takes the Slack team id and only ever reads or writes that team's
 * rows; `dueSubscriptions` is the one exception (see there).
 */
import type { Kysely, Selectable } from "kysely";
import { checkId, checkMs, checkOneOf, checkTeam, isId, StoreError } from "./errors.ts";
import { allocateItemId } from "./item-ids.ts";
import { ITEM_STATES, type ItemState, type Schema, type SubscriptionsTable } from "./schema.ts";

export interface Subscription {
  readonly id: number;
  readonly teamId: string;
  readonly channelId: string;
  readonly creatorId: string;
  /** The query words as typed; re-parsed at run time with the scheduled time as "now". */
  readonly query: string;
  /** The schedule as typed, e.g. `daily 08:00`. */
  readonly scheduleText: string;
  /** The compiled 5-field cron expression, read in `timezone`. */
  readonly cron: string;
  readonly timezone: string;
  readonly state: ItemState;
  readonly pausedReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Null unless active. */
  readonly nextRunAt: number | null;
  readonly consecutiveFailures: number;
  readonly lastRunAt: number | null;
  readonly lastError: string | null;
  /** `when=` as typed (`nonzero`, `changed:10`); null: every run is posted (src/report/conditions.ts). */
  readonly deliverWhen: string | null;
  /** `csv=yes`: every digest gets its CSV in its thread. */
  readonly attachCsv: boolean;
  /** Set when the last run was skipped by `when=`; cleared by the next delivery. */
  readonly lastSkippedAt: number | null;
  readonly lastSkipReason: string | null;
}

export interface NewSubscription {
  readonly teamId: string;
  readonly channelId: string;
  readonly creatorId: string;
  readonly query: string;
  readonly scheduleText: string;
  readonly cron: string;
  readonly timezone: string;
  readonly nextRunAt: number;
  readonly now: number;
  readonly deliverWhen?: string | null;
  readonly attachCsv?: boolean;
}

function toSubscription(r: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    creatorId: r.creator_id,
    query: r.query,
    scheduleText: r.schedule_text,
    cron: r.cron,
    timezone: r.timezone,
    state: r.state,
    pausedReason: r.paused_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nextRunAt: r.next_run_at,
    consecutiveFailures: r.consecutive_failures,
    lastRunAt: r.last_run_at,
    lastError: r.last_error,
    deliverWhen: r.deliver_when,
    attachCsv: r.attach_csv === 1,
    lastSkippedAt: r.last_skipped_at,
    lastSkipReason: r.last_skip_reason,
  };
}

/** Saves an active subscription; its id comes from the id space it shares with alert rules. */
export async function createSubscription(db: Kysely<Schema>, s: NewSubscription): Promise<Subscription> {
  checkTeam(s.teamId);
  checkMs("Next run", s.nextRunAt);
  return db.transaction().execute(async (trx) => {
    const id = await allocateItemId(trx, s.teamId, "digest", s.now);
    const row = await trx
      .insertInto("subscriptions")
      .values({
        id,
        team_id: s.teamId,
        channel_id: s.channelId,
        creator_id: s.creatorId,
        query: s.query,
        schedule_text: s.scheduleText,
        cron: s.cron,
        timezone: s.timezone,
        state: "active",
        paused_reason: null,
        created_at: s.now,
        updated_at: s.now,
        next_run_at: s.nextRunAt,
        last_run_at: null,
        last_error: null,
        deliver_when: s.deliverWhen ?? null,
        attach_csv: s.attachCsv === true ? 1 : 0,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  });
}

/** This team's subscription #id, whatever its state; null if the team has none with that id. */
export async function getSubscription(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
): Promise<Subscription | null> {
  if (!isId(id)) return null;
  const row = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toSubscription(row);
}

/** The channel's live (active or paused) subscriptions, oldest first. */
export function listSubscriptionsByChannel(
  db: Kysely<Schema>,
  teamId: string,
  channelId: string,
): Promise<Subscription[]> {
  return listLive(db, teamId, "channel_id", channelId);
}

/** The live subscriptions a user created, in any channel of the team, oldest first. */
export function listSubscriptionsByCreator(
  db: Kysely<Schema>,
  teamId: string,
  creatorId: string,
): Promise<Subscription[]> {
  return listLive(db, teamId, "creator_id", creatorId);
}

export interface StateChange {
  readonly state: ItemState;
  /** Why it was paused (shown in `/offers list`); cleared on any other state. */
  readonly reason?: string | null;
  /** Required when resuming: the first run after now, from the schedule module. */
  readonly nextRunAt?: number | null;
  readonly now: number;
}

/**
 * Pauses, resumes or deletes. Deleted is final: returns null (and changes nothing) when the team has
 * no live subscription #id. Resuming clears the failure count, since the person resumed on purpose.
 */
export async function setSubscriptionState(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  change: StateChange,
): Promise<Subscription | null> {
  const state = checkOneOf("subscription state", change.state, ITEM_STATES);
  if (state === "active" && typeof change.nextRunAt !== "number") {
    throw new StoreError(
      "invalid_input",
      `Resuming subscription #${id} needs nextRunAt (ms): the next scheduled run.`,
    );
  }
  const row = await db
    .updateTable("subscriptions")
    .set({
      state,
      paused_reason: state === "paused" ? (change.reason ?? null) : null,
      next_run_at: state === "active" ? (change.nextRunAt as number) : null,
      ...(state === "active" ? { consecutive_failures: 0 } : {}),
      updated_at: change.now,
    })
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .where("state", "!=", "deleted")
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : toSubscription(row);
}

/** Soft delete: the row stays for its delivery history. Returns whether a live subscription was deleted. */
export async function deleteSubscription(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  now: number,
): Promise<boolean> {
  return (await setSubscriptionState(db, teamId, id, { state: "deleted", now })) !== null;
}

/**
 * Moves an active subscription's next run. With `expected`, only if next_run_at still equals it, so
 * two workers that handled the same run do not skip one ahead of the other. Returns whether it moved.
 */
export async function setNextRun(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  next: { nextRunAt: number; expected?: number; now: number },
): Promise<boolean> {
  let q = db
    .updateTable("subscriptions")
    .set({ next_run_at: next.nextRunAt, updated_at: next.now })
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .where("state", "=", "active");
  if (next.expected !== undefined) q = q.where("next_run_at", "=", next.expected);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A delivery went out: the failure streak ends. */
export async function recordSubscriptionSuccess(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  at: { ranAt: number; now: number },
): Promise<void> {
  await db
    .updateTable("subscriptions")
    .set({
      consecutive_failures: 0,
      last_run_at: at.ranAt,
      last_error: null,
      last_skipped_at: null,
      last_skip_reason: null,
      updated_at: at.now,
    })
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .execute();
}

/**
 * A run was skipped by its `when=` condition: not a failure (the numbers were fetched fine), so the
 * failure streak ends as after a delivery, and the list can say when and why.
 */
export async function recordSubscriptionSkipped(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  at: { ranAt: number; reason: string; now: number },
): Promise<void> {
  await db
    .updateTable("subscriptions")
    .set({
      consecutive_failures: 0,
      last_run_at: at.ranAt,
      last_error: null,
      last_skipped_at: at.ranAt,
      last_skip_reason: at.reason,
      updated_at: at.now,
    })
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .execute();
}

/** What an edit may change: everything the subscribe command says, never the channel or the creator. */
export interface SubscriptionEdit {
  readonly query: string;
  readonly scheduleText: string;
  readonly cron: string;
  readonly timezone: string;
  readonly deliverWhen: string | null;
  readonly attachCsv: boolean;
  /** The next run under the new schedule; applied only while the subscription is active. */
  readonly nextRunAt: number;
  readonly now: number;
}

/**
 * Replaces a live subscription's schedule, query and options (the Edit form). Returns null when the
 * team has no live subscription #id. A paused one stays paused, with no next run.
 */
export async function updateSubscription(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  e: SubscriptionEdit,
): Promise<Subscription | null> {
  checkMs("Next run", e.nextRunAt);
  const row = await db
    .updateTable("subscriptions")
    .set((eb) => ({
      query: e.query,
      schedule_text: e.scheduleText,
      cron: e.cron,
      timezone: e.timezone,
      deliver_when: e.deliverWhen,
      attach_csv: e.attachCsv ? 1 : 0,
      next_run_at: eb.case().when("state", "=", "active").then(e.nextRunAt).else(null).end(),
      updated_at: e.now,
    }))
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .where("state", "!=", "deleted")
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : toSubscription(row);
}

/** A run failed for good: returns the new length of the failure streak (null if no such subscription). */
export async function recordSubscriptionFailure(
  db: Kysely<Schema>,
  teamId: string,
  id: number,
  failure: { error: string; ranAt: number; now: number },
): Promise<number | null> {
  const row = await db
    .updateTable("subscriptions")
    .set((eb) => ({
      consecutive_failures: eb("consecutive_failures", "+", 1),
      last_run_at: failure.ranAt,
      last_error: failure.error,
      updated_at: failure.now,
    }))
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", checkId("Subscription", id))
    .returning("consecutive_failures")
    .executeTakeFirst();
  return row === undefined ? null : row.consecutive_failures;
}

/**
 * Active subscriptions whose next run is due, across ALL teams, earliest first. The one store read
 * not scoped by team: the worker serves every workspace and has no team until it finds the row.
 * Everything it does next (claim, deliver, record) goes through team-scoped calls with row.teamId.
 */
export async function dueSubscriptions(
  db: Kysely<Schema>,
  now: number,
  limit = 100,
): Promise<Subscription[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("state", "=", "active")
    .where("next_run_at", "<=", now)
    .orderBy("next_run_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toSubscription);
}

/** Live (active or paused) rows of the team where `column` equals `value`, oldest first. */
async function listLive(
  db: Kysely<Schema>,
  teamId: string,
  column: "channel_id" | "creator_id",
  value: string,
): Promise<Subscription[]> {
  const rows = await db
    .selectFrom("subscriptions")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where(column, "=", value)
    .where("state", "!=", "deleted")
    .orderBy("id")
    .execute();
  return rows.map(toSubscription);
}
