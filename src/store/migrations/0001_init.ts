/**
 * The first schema. Ids of subscriptions and alert rules both come from `items`, so one number names
 * one thing in a team whatever its kind. Child tables reference their parent by (team_id, id), so a
 * row can only ever point at a parent of its own team: a guessed id from another workspace fails the
 * foreign key instead of attaching to someone else's subscription.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

// Kysely's migration interface passes an untyped Kysely: the schema is what this file creates.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === "postgres";
  const ms = "bigint" as const;

  const itemsTable = db.schema.createTable("items");
  const items = pg
    ? itemsTable.addColumn("id", "serial", (c) => c.primaryKey())
    : // AUTOINCREMENT: an id is never handed out twice, even after the newest row is removed.
      itemsTable.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await items
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", ms, (c) => c.notNull())
    .addCheckConstraint("items_kind_check", sql`kind in ('digest', 'alert')`)
    .addUniqueConstraint("items_team_id_id_key", ["team_id", "id"])
    .execute();

  await db.schema
    .createTable("subscriptions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("creator_id", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("schedule_text", "text", (c) => c.notNull())
    .addColumn("cron", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("paused_reason", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addColumn("next_run_at", ms)
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_run_at", ms)
    .addColumn("last_error", "text")
    .addCheckConstraint("subscriptions_state_check", sql`state in ('active', 'paused', 'deleted')`)
    .addUniqueConstraint("subscriptions_team_id_id_key", ["team_id", "id"])
    .addForeignKeyConstraint("subscriptions_item_fkey", ["team_id", "id"], "items", ["team_id", "id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_channel_idx")
    .on("subscriptions")
    .columns(["team_id", "channel_id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_creator_idx")
    .on("subscriptions")
    .columns(["team_id", "creator_id"])
    .execute();
  await db.schema
    .createIndex("subscriptions_due_idx")
    .on("subscriptions")
    .columns(["state", "next_run_at"])
    .execute();

  const runsTable = db.schema.createTable("delivery_runs");
  const runs = pg
    ? runsTable.addColumn("id", "serial", (c) => c.primaryKey())
    : runsTable.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  await runs
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("subscription_id", "integer", (c) => c.notNull())
    .addColumn("scheduled_at", ms, (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("late", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", ms, (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("slack_channel", "text")
    .addColumn("slack_ts", "text")
    .addColumn("slack_file_id", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("finished_at", ms)
    .addCheckConstraint(
      "delivery_runs_state_check",
      sql`state in ('claimed', 'delivered', 'failed', 'skipped')`,
    )
    .addCheckConstraint("delivery_runs_late_check", sql`late in (0, 1)`)
    // The dedupe key of a delivery: one run per (subscription, scheduled time), whoever asks.
    .addUniqueConstraint("delivery_runs_subscription_scheduled_key", ["subscription_id", "scheduled_at"])
    .addForeignKeyConstraint(
      "delivery_runs_subscription_fkey",
      ["team_id", "subscription_id"],
      "subscriptions",
      ["team_id", "id"],
    )
    .execute();
  await db.schema
    .createIndex("delivery_runs_lease_idx")
    .on("delivery_runs")
    .columns(["state", "lease_until"])
    .execute();

  await db.schema
    .createTable("alert_rules")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("channel_id", "text", (c) => c.notNull())
    .addColumn("creator_id", "text", (c) => c.notNull())
    .addColumn("rule_text", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("timezone", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("paused_reason", "text")
    .addColumn("snoozed_until", ms)
    .addColumn("muted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addColumn("last_evaluated_bucket", ms)
    .addCheckConstraint("alert_rules_state_check", sql`state in ('active', 'paused', 'deleted')`)
    .addCheckConstraint("alert_rules_muted_check", sql`muted in (0, 1)`)
    .addUniqueConstraint("alert_rules_team_id_id_key", ["team_id", "id"])
    .addForeignKeyConstraint("alert_rules_item_fkey", ["team_id", "id"], "items", ["team_id", "id"])
    .execute();
  await db.schema
    .createIndex("alert_rules_channel_idx")
    .on("alert_rules")
    .columns(["team_id", "channel_id"])
    .execute();
  await db.schema
    .createIndex("alert_rules_creator_idx")
    .on("alert_rules")
    .columns(["team_id", "creator_id"])
    .execute();
  await db.schema.createIndex("alert_rules_state_idx").on("alert_rules").columns(["state"]).execute();

  await db.schema
    .createTable("alert_states")
    .addColumn("rule_id", "integer", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("label_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("since", ms, (c) => c.notNull())
    .addColumn("breach_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("recover_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("incident_started_at", ms)
    .addColumn("message_channel", "text")
    .addColumn("message_ts", "text")
    .addColumn("last_notified_at", ms)
    .addColumn("last_value", "double precision")
    .addColumn("updated_at", ms, (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_states_pkey", ["rule_id", "label_key"])
    .addCheckConstraint("alert_states_status_check", sql`status in ('ok', 'pending', 'firing', 'resolved')`)
    .addForeignKeyConstraint("alert_states_rule_fkey", ["team_id", "rule_id"], "alert_rules", [
      "team_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("alert_evaluations")
    .addColumn("rule_id", "integer", (c) => c.notNull())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("bucket_start", ms, (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", ms, (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("result", "text")
    .addColumn("error", "text")
    .addColumn("created_at", ms, (c) => c.notNull())
    .addColumn("finished_at", ms)
    .addPrimaryKeyConstraint("alert_evaluations_pkey", ["rule_id", "bucket_start"])
    .addCheckConstraint("alert_evaluations_state_check", sql`state in ('claimed', 'done', 'failed')`)
    .addForeignKeyConstraint("alert_evaluations_rule_fkey", ["team_id", "rule_id"], "alert_rules", [
      "team_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("alert_evaluations_lease_idx")
    .on("alert_evaluations")
    .columns(["state", "lease_until"])
    .execute();

  await db.schema
    .createTable("notices")
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("created_at", ms, (c) => c.notNull())
    .addPrimaryKeyConstraint("notices_pkey", ["team_id", "key"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    "notices",
    "alert_evaluations",
    "alert_states",
    "alert_rules",
    "delivery_runs",
    "subscriptions",
    "items",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
