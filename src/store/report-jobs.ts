/**
 * Ad-hoc reports handed from a `web` process to the workers (migrations/0005_report_jobs.ts). Web
 * enqueues after it has parsed, authorized and acknowledged; on PostgreSQL it also sends a NOTIFY so
 * a listening worker wakes at once (store/listen.ts), and workers poll as well, for a lost one.
 *
 * A job is claimed with one conditional write: the oldest queued job, or a claimed one whose lease
 * expired (its worker died), picked with FOR UPDATE SKIP LOCKED on PostgreSQL so concurrent
 * claimers take different rows, and the WHERE repeated on the UPDATE so a row is never claimed by
 * two. Later writes go through claims.ts and land only while the same owner holds the lease.
 */
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import { type Held, handBack, pruneFinished, recordFailure, renewLease, updateHeld } from "./claims.ts";
import { dialectOf } from "./dialect.ts";
import { checkMs, checkTeam } from "./errors.ts";
import type { ReportJobState, ReportJobsTable, Schema } from "./schema.ts";

/** The PostgreSQL channel a web process notifies and the workers listen on. */
export const REPORT_JOBS_CHANNEL = "offer_digest_report_jobs";

export interface NewReportJob {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  /** The query words as typed, or a subscription's saved query. */
  readonly words: string | readonly string[];
  /** The message's run key; a retaken job looks for it in the channel before posting. */
  readonly runKey: string;
  /** When the person asked: the report's period is resolved at this time, as web would have. */
  readonly askedAt: number;
  readonly responseUrl: string | null;
  /** Sent to the caller once the digest is in the channel (`/offers run`); null for none. */
  readonly doneReply: unknown;
}

export interface ReportJob extends NewReportJob {
  readonly id: number;
  readonly state: ReportJobState;
  /** How many times it was claimed; above 1 it was retaken after a worker stopped. */
  readonly attempts: number;
  readonly leaseOwner: string | null;
  readonly createdAt: number;
}

function toJob(r: Selectable<ReportJobsTable>): ReportJob {
  return {
    id: r.id,
    teamId: r.team_id,
    channelId: r.channel_id,
    userId: r.user_id,
    words: JSON.parse(r.words) as string | string[],
    runKey: r.run_key,
    askedAt: r.asked_at,
    responseUrl: r.response_url,
    doneReply: r.done_reply === null ? null : (JSON.parse(r.done_reply) as unknown),
    state: r.state,
    attempts: r.attempts,
    leaseOwner: r.lease_owner,
    createdAt: r.created_at,
  };
}

/** Queues a job and, on PostgreSQL, wakes the listening workers. Returns its id. */
export async function enqueueReportJob(db: Kysely<Schema>, job: NewReportJob, now: number): Promise<number> {
  checkTeam(job.teamId);
  checkMs("Asked at", job.askedAt);
  const row = await db
    .insertInto("report_jobs")
    .values({
      team_id: job.teamId,
      channel_id: job.channelId,
      user_id: job.userId,
      words: JSON.stringify(job.words),
      run_key: job.runKey,
      asked_at: job.askedAt,
      response_url: job.responseUrl,
      done_reply: job.doneReply === null ? null : JSON.stringify(job.doneReply),
      state: "queued",
      attempts: 0,
      lease_owner: null,
      lease_until: 0,
      error: null,
      slack_ts: null,
      created_at: now,
      finished_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // After the insert has committed (no transaction here), so a woken worker finds the row.
  if (dialectOf(db) === "postgres")
    await sql`select pg_notify(${REPORT_JOBS_CHANNEL}, ${String(row.id)})`.execute(db);
  return row.id;
}

/** Queued, or claimed by a worker whose lease has run out. */
function claimable(now: number) {
  return (eb: ExpressionBuilder<Schema, "report_jobs">) =>
    eb.or([eb("state", "=", "queued"), eb.and([eb("state", "=", "claimed"), eb("lease_until", "<", now)])]);
}

/** Claims the oldest claimable job for `owner`; null when there is none. */
export async function claimNextReportJob(
  db: Kysely<Schema>,
  c: { owner: string; leaseMs: number; now: number },
): Promise<ReportJob | null> {
  const pick = db.selectFrom("report_jobs").select("id").where(claimable(c.now)).orderBy("id").limit(1);
  const oldest = dialectOf(db) === "postgres" ? pick.forUpdate().skipLocked() : pick;
  const row = await db
    .updateTable("report_jobs")
    .set({
      state: "claimed",
      lease_owner: c.owner,
      lease_until: c.now + c.leaseMs,
      attempts: sql<number>`attempts + 1`,
    })
    .where("id", "=", oldest)
    .where(claimable(c.now))
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : toJob(row);
}

function held(job: ReportJob, owner: string): Held<"report_jobs"> {
  return { table: "report_jobs", teamId: job.teamId, key: { id: job.id }, owner };
}

/** The heartbeat; false means the lease was lost (another worker took the job over). */
export function renewReportJob(db: Kysely<Schema>, job: ReportJob, owner: string, until: number) {
  return renewLease(db, held(job, owner), until);
}

/** The digest is in the channel (or found there already); false if the claim was lost. */
export function finishReportJob(
  db: Kysely<Schema>,
  job: ReportJob,
  owner: string,
  done: { now: number; slackTs: string },
): Promise<boolean> {
  return updateHeld(db, held(job, owner), {
    state: "done",
    lease_until: 0,
    error: null,
    slack_ts: done.slackTs,
    finished_at: done.now,
  });
}

/** The person was told what went wrong; the job is never run again. */
export function failReportJob(
  db: Kysely<Schema>,
  job: ReportJob,
  owner: string,
  f: { error: string; now: number },
): Promise<boolean> {
  return recordFailure(db, held(job, owner), { error: f.error, final: true, now: f.now });
}

/** Hands a held job back on shutdown, so another worker claims it at once. */
export function handBackReportJob(db: Kysely<Schema>, job: ReportJob, owner: string): Promise<boolean> {
  return handBack(db, held(job, owner));
}

/** Jobs waiting or running, across all teams: the queue depth in /metrics. */
export async function countOpenReportJobs(db: Kysely<Schema>): Promise<number> {
  const r = await db
    .selectFrom("report_jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("state", "in", ["queued", "claimed"])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function getReportJob(db: Kysely<Schema>, id: number): Promise<ReportJob | null> {
  const row = await db.selectFrom("report_jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : toJob(row);
}

/** Deletes finished jobs (done, failed) older than `before`; queued and claimed ones never. */
export function pruneReportJobs(db: Kysely<Schema>, before: number): Promise<number> {
  return pruneFinished(db, "report_jobs", before);
}
