/**
 * Delivery runs: one row per (subscription, scheduled time). A run happens once because this table
 * says so: `claimRun` is a single conditional write, and only its winner delivers.
 *
 * Lifecycle: claimed → delivered | failed (final) | skipped. A claimed run whose lease has expired
 * (worker crashed, or handed back with releaseRun, or failed with a retry time) can be claimed again.
 * The claim protocol itself lives in claims.ts, shared with alert evaluations.
 */
import type { Kysely, Selectable } from "kysely";
import {
  claim,
  expired,
  type Held,
  handBack,
  pruneFinished,
  recordFailure,
  renewLease,
  updateHeld,
} from "./claims.ts";
import { checkId, checkMs, checkTeam, isForeignKeyViolation, isId, StoreError } from "./errors.ts";
import type { DeliveryRunsTable, RunState, Schema } from "./schema.ts";

export interface DeliveryRun {
  readonly id: number;
  readonly teamId: string;
  readonly subscriptionId: number;
  readonly scheduledAt: number;
  readonly state: RunState;
  /** Delivered after its scheduled minute (backfilled after a restart). */
  readonly late: boolean;
  /** How many times the run was claimed; 1 on the first claim. */
  readonly attempts: number;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number;
  readonly error: string | null;
  readonly slackChannel: string | null;
  readonly slackTs: string | null;
  readonly slackFileId: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

function toRun(r: Selectable<DeliveryRunsTable>): DeliveryRun {
  return {
    id: r.id,
    teamId: r.team_id,
    subscriptionId: r.subscription_id,
    scheduledAt: r.scheduled_at,
    state: r.state,
    late: r.late === 1,
    attempts: r.attempts,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    error: r.error,
    slackChannel: r.slack_channel,
    slackTs: r.slack_ts,
    slackFileId: r.slack_file_id,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export interface ClaimRequest {
  readonly teamId: string;
  readonly subscriptionId: number;
  readonly scheduledAt: number;
  /** Who claims, e.g. `worker-<host>-<pid>`; completion is accepted only from the owner. */
  readonly owner: string;
  readonly leaseMs: number;
  readonly now: number;
  readonly late: boolean;
}

/**
 * Claims (subscription, scheduledAt) for delivery with one conditional write (store/claims.ts).
 * Returns the run if this caller won, else null. Delivered, skipped and failed runs are never
 * claimed again; a claimed run with an expired lease is taken over (attempts + 1, `late` renewed).
 */
export async function claimRun(db: Kysely<Schema>, c: ClaimRequest): Promise<DeliveryRun | null> {
  checkTeam(c.teamId);
  checkId("Subscription", c.subscriptionId);
  checkMs("Scheduled time", c.scheduledAt);
  checkMs("Lease end", c.now + c.leaseMs);
  try {
    const row = await claim(db, {
      table: "delivery_runs",
      teamId: c.teamId,
      key: { subscription_id: c.subscriptionId, scheduled_at: c.scheduledAt },
      also: { late: c.late ? 1 : 0 },
      owner: c.owner,
      leaseMs: c.leaseMs,
      now: c.now,
    });
    return row === undefined ? null : toRun(row);
  } catch (e) {
    throw notFound(e, c.teamId, c.subscriptionId);
  }
}

/**
 * Records a run that will not be delivered (missed beyond the catch-up window). Inserts only if no
 * run exists for that time; returns whether this call recorded it.
 */
export async function recordSkipped(
  db: Kysely<Schema>,
  s: { teamId: string; subscriptionId: number; scheduledAt: number; reason: string; now: number },
): Promise<boolean> {
  checkTeam(s.teamId);
  checkId("Subscription", s.subscriptionId);
  checkMs("Scheduled time", s.scheduledAt);
  try {
    const row = await db
      .insertInto("delivery_runs")
      .values({
        team_id: s.teamId,
        subscription_id: s.subscriptionId,
        scheduled_at: s.scheduledAt,
        state: "skipped",
        late: 0,
        attempts: 0,
        lease_owner: null,
        lease_until: 0,
        error: s.reason,
        created_at: s.now,
        finished_at: s.now,
      })
      .onConflict((oc) => oc.columns(["subscription_id", "scheduled_at"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    return row !== undefined;
  } catch (e) {
    throw notFound(e, s.teamId, s.subscriptionId);
  }
}

/** Extends the lease of a run this owner still holds; false means the lease was lost: stop working. */
export async function extendLease(
  db: Kysely<Schema>,
  teamId: string,
  runId: number,
  lease: { owner: string; leaseUntil: number },
): Promise<boolean> {
  return renewLease(db, held(teamId, runId, lease.owner), lease.leaseUntil);
}

/** The message went out. False if this owner no longer held the claim (the row is left as it is). */
export async function completeRun(
  db: Kysely<Schema>,
  teamId: string,
  runId: number,
  done: {
    owner: string;
    now: number;
    slackChannel: string;
    slackTs: string;
    fileId: string | null;
    /** Marked late when it went out (it may have been claimed on time and waited in retries). */
    late?: boolean;
  },
): Promise<boolean> {
  return updateHeld(db, held(teamId, runId, done.owner), {
    state: "delivered",
    ...(done.late === true ? { late: 1 } : {}),
    lease_until: 0,
    error: null,
    slack_channel: done.slackChannel,
    slack_ts: done.slackTs,
    slack_file_id: done.fileId,
    finished_at: done.now,
  });
}

/**
 * The run's condition (`when=`) said not to post: final, like a delivery, with the reason in `error`
 * (shown in `/offers list`). False if this owner no longer held the claim.
 */
export async function skipHeldRun(
  db: Kysely<Schema>,
  teamId: string,
  runId: number,
  skip: { owner: string; reason: string; now: number },
): Promise<boolean> {
  return updateHeld(db, held(teamId, runId, skip.owner), {
    state: "skipped",
    lease_until: 0,
    error: skip.reason,
    finished_at: skip.now,
  });
}

/**
 * Records a failed attempt. Final: the run is 'failed' and never claimed again. Not final: it stays
 * 'claimed' with its lease ending at `retryAt`, so any worker may claim it again after that time.
 */
export async function failRun(
  db: Kysely<Schema>,
  teamId: string,
  runId: number,
  failure: { owner: string; error: string; final: boolean; now: number; retryAt?: number },
): Promise<boolean> {
  return recordFailure(db, held(teamId, runId, failure.owner), failure);
}

/** Hands a held run back on shutdown (lease_until = 0), so the next worker claims it at once. */
export async function releaseRun(
  db: Kysely<Schema>,
  teamId: string,
  runId: number,
  owner: string,
): Promise<boolean> {
  return handBack(db, held(teamId, runId, owner));
}

export async function getRun(db: Kysely<Schema>, teamId: string, runId: number): Promise<DeliveryRun | null> {
  if (!isId(runId)) return null;
  const row = await db
    .selectFrom("delivery_runs")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("id", "=", runId)
    .executeTakeFirst();
  return row === undefined ? null : toRun(row);
}

/** A subscription's runs, newest scheduled time first. */
export async function listRuns(
  db: Kysely<Schema>,
  teamId: string,
  subscriptionId: number,
  limit = 50,
): Promise<DeliveryRun[]> {
  if (!isId(subscriptionId)) return [];
  const rows = await db
    .selectFrom("delivery_runs")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("subscription_id", "=", subscriptionId)
    .orderBy("scheduled_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toRun);
}

/**
 * Claimed runs whose lease has expired (crashed worker, released, or waiting to retry), across ALL
 * teams: like dueSubscriptions, the worker's way to find work before it knows the team. It then
 * claims each with claimRun, which decides who retries.
 */
export async function expiredRuns(db: Kysely<Schema>, now: number, limit = 100): Promise<DeliveryRun[]> {
  const rows = await expired(db, "delivery_runs", now, { by: "scheduled_at", limit });
  return rows.map(toRun);
}

/** A run as held by `owner`; checked here because every held write goes through it. */
function held(teamId: string, runId: number, owner: string): Held<"delivery_runs"> {
  return { table: "delivery_runs", teamId: checkTeam(teamId), key: { id: checkId("Run", runId) }, owner };
}

function notFound(e: unknown, teamId: string, subscriptionId: number): unknown {
  if (!isForeignKeyViolation(e)) return e;
  return new StoreError(
    "not_found",
    `Team ${teamId} has no subscription #${subscriptionId}: create it before claiming runs.`,
    {
      cause: e,
    },
  );
}

/**
 * Deletes finished runs (delivered, failed, skipped) that finished before `before`; a claimed run
 * is never touched (claims.ts, pruneFinished).
 */
export function pruneRuns(db: Kysely<Schema>, before: number): Promise<number> {
  return pruneFinished(db, "delivery_runs", before);
}
