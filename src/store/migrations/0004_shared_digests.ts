/**
 * Work shared inside a burst (src/pipeline/shared-digest.ts): digests due in the same minute with
 * the same resolved query share one Placewise fetch, one chart and one uploaded file. One row per
 * share key, claimed like a run (store/claims.ts); the producer writes the report, the PNG and the
 * Slack file id, and every other run reads them. Rows live minutes, not days: the repository prunes
 * them (store/shared-digests.ts).
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Raw bytes: PostgreSQL calls the type bytea, SQLite blob.
  const bytes = dialectOf(db) === "postgres" ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable("shared_digests")
    .addColumn("share_key", "text", (c) => c.primaryKey())
    .addColumn("team_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "bigint", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("report", "text")
    .addColumn("csv", "text")
    .addColumn("png", bytes)
    .addColumn("file_id", "text")
    .addColumn("chart_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema.createIndex("shared_digests_created").on("shared_digests").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("shared_digests").execute();
}
