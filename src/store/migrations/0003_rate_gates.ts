/**
 * Slack's rate limits shared by every process of a deployment: one row per gate key (a tiered
 * method, or `chat.postMessage:<channel>`), holding the time the key's next call is due (GCRA's
 * theoretical arrival time, epoch ms). Not team-scoped: the limits belong to the bot token, and a
 * deployment has one.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_gates")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("tat", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_gates").execute();
}
