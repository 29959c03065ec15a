/**
 * Ad-hoc reports handed from a `web` process to the workers (issue 13, item 4): one row per
 * `/offers report` or `/offers run` that web parsed, authorized and acknowledged. The row carries
 * everything the worker needs to post it as web would have: the caller, the words, the time asked,
 * the run key (the message's metadata, looked up before a retaken job posts) and Slack's
 * response_url for the answers only the caller sees.
 *
 * Lifecycle: queued → claimed → done | failed. A claimed job whose lease expired (its worker died)
 * is claimed again (store/report-jobs.ts); finished ones are pruned after HISTORY_DAYS.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const ms = "bigint" as const;
  const table = db.schema.createTable("report_jobs");
  const jobs = pg
    ? table.addColumn("id", "serial", (c) => c.primaryKey())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await jobs
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    // JSON: the query words as typed (a list) or a subscription's saved query (a string).
    .addColumn("words", "text", (c) => c.notNull())
    .addColumn("run_key", "text", (c) => c.notNull())
    .addColumn("asked_at", ms, (c) => c.notNull())
    .addColumn("response_url", "text")
    // JSON of the Reply sent to the caller once the digest is in the channel (`/offers run`), or null.
    .addColumn("done_reply", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", ms, (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("slack_ts", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("finished_at", ms)
    .addCheckConstraint("report_jobs_state_check", sql`state in ('queued', 'claimed', 'done', 'failed')`)
    .execute();
  await db.schema
    .createIndex("report_jobs_state_idx")
    .on("report_jobs")
    .columns(["state", "lease_until"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_jobs").execute();
}
