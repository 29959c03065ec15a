/**
 * The alert state machine (src/alerts/lifecycle.ts) also remembers whether the open incident was
 * announced (so its end is announced too) and when the last firing went out (the cooldown counts
 * from it). Additive: existing rows read as "not announced, never fired".
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("alert_states")
    .addColumn("announced", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("alert_states").addColumn("last_firing_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("alert_states").dropColumn("last_firing_at").execute();
  await db.schema.alterTable("alert_states").dropColumn("announced").execute();
}
