/**
 * Subscription options (src/report/conditions.ts): `when=` as typed (`nonzero`, `changed:10`; null
 * is "always"), `csv=yes` as 0/1, and the last skipped run's time and reason for `/offers list`
 * ("skipped at 08:00: no usages"). Additive: existing rows read as "always, no CSV, never skipped".
 * Numbered 0020 so it cannot clash with migrations other branches add in 0004–0019.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable("subscriptions").addColumn("deliver_when", "text").execute();
  await db.schema
    .alterTable("subscriptions")
    .addColumn("attach_csv", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("subscriptions").addColumn("last_skipped_at", "bigint").execute();
  await db.schema.alterTable("subscriptions").addColumn("last_skip_reason", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["last_skip_reason", "last_skipped_at", "attach_csv", "deliver_when"]) {
    await db.schema.alterTable("subscriptions").dropColumn(column).execute();
  }
}
