/**
 * Settings a workspace chooses for itself, one row per team: for now the language of its digests,
 * alerts and replies (the App Home select). Null means "not chosen": DEFAULT_LANGUAGE applies.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("team_settings")
    .addColumn("team_id", "text", (c) => c.primaryKey())
    .addColumn("language", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("team_settings").execute();
}
