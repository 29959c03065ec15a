/**
 * The shared side of delivery's RateGate: each statement is one atomic upsert, so of two processes
 * reserving under one key at the same moment each gets its own slot, never the same one.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "./dialect.ts";
import type { Schema } from "./schema.ts";

/** `greatest` in PostgreSQL is `max` with two arguments in SQLite. */
function greatest(db: Kysely<Schema>) {
  return dialectOf(db) === "postgres" ? sql.raw("greatest") : sql.raw("max");
}

/**
 * Moves the key's tat to `max(tat, now) + intervalMs` (a missing row counts as `now`) and returns
 * the new tat; the caller's slot follows from it.
 */
export async function advanceTat(
  db: Kysely<Schema>,
  key: string,
  now: number,
  intervalMs: number,
): Promise<number> {
  const row = await db
    .insertInto("rate_gates")
    .values({ key, tat: now + intervalMs })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        tat: sql<number>`${greatest(db)}(rate_gates.tat, ${now}) + ${intervalMs}`,
      }),
    )
    .returning("tat")
    .executeTakeFirstOrThrow();
  return Number(row.tat);
}

/** Moves the key's tat to at least `tat` (a 429's Retry-After); never earlier. */
export async function raiseTat(db: Kysely<Schema>, key: string, tat: number): Promise<void> {
  await db
    .insertInto("rate_gates")
    .values({ key, tat })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ tat: sql<number>`${greatest(db)}(rate_gates.tat, excluded.tat)` }),
    )
    .execute();
}

/** Drops keys whose tat is older than `before`: they delay nothing. Returns how many went. */
export async function pruneRateGates(db: Kysely<Schema>, before: number): Promise<number> {
  const res = await db.deleteFrom("rate_gates").where("tat", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
