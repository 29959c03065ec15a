/**
 * The lease-claim protocol shared by delivery runs and alert evaluations. A piece of work happens
 * once because its row says so: claiming is one conditional write, and every later write (heartbeat,
 * completion, failure, hand-back) only lands while the row is still 'claimed' by the same owner.
 *
 * Lifecycle: claimed → finished (delivered, done, skipped) | failed (final). A claimed row whose
 * lease has expired (its worker crashed, handed it back, or set a retry time) can be taken over.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import { checkMs, checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

/** The tables that hold leased work; each has the columns of LeaseColumns. */
export type LeaseTable = "delivery_runs" | "alert_evaluations" | "shared_digests" | "report_jobs";

interface LeaseColumns {
  team_id: string;
  state: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: number;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

/**
 * The protocol only touches the shared lease columns plus the caller's key columns, whose names
 * differ per table. Kysely cannot type a table chosen by a parameter, so statements are typed on
 * one stand-in table with the lease columns, the real name goes in at run time (`as "leased"`),
 * key columns go through dynamic references, and each caller gets its own typed row back.
 */
interface LeaseDb {
  leased: LeaseColumns;
}

function loose(db: Kysely<Schema>): Kysely<LeaseDb> {
  return db as unknown as Kysely<LeaseDb>;
}

/** A row to claim: its key columns (the unique ones) and any other columns of a first insert. */
export interface Claim<T extends LeaseTable> {
  readonly table: T;
  readonly teamId: string;
  /** The unique key that makes two claims the same work, e.g. { subscription_id, scheduled_at } or { share_key }. */
  readonly key: Readonly<Record<string, number | string>>;
  /** Columns written on insert and copied on takeover besides owner and lease, e.g. { late }. */
  readonly also?: Readonly<Record<string, number | string>>;
  readonly owner: string;
  readonly leaseMs: number;
  readonly now: number;
}

/**
 * Claims the work. Returns its row if this caller won, else undefined.
 *
 * One statement decides: INSERT ... ON CONFLICT DO UPDATE ... WHERE. Either the row did not exist
 * (inserted, attempts 1), or it exists as 'claimed' with an expired lease in the same team (taken
 * over, attempts + 1). Finished and failed rows never match, so they are never claimed again. Both
 * databases apply the upsert atomically per row, so of N concurrent claimers exactly one gets a row.
 */
export async function claim<T extends LeaseTable>(
  db: Kysely<Schema>,
  c: Claim<T>,
): Promise<Selectable<Schema[T]> | undefined> {
  const also = c.also ?? {};
  const ldb = loose(db);
  const { ref } = ldb.dynamic;
  const row = await ldb
    .insertInto(c.table as unknown as "leased")
    .values({
      ...c.key,
      team_id: c.teamId,
      state: "claimed",
      ...also,
      attempts: 1,
      lease_owner: c.owner,
      lease_until: c.now + c.leaseMs,
      created_at: c.now,
    } as LeaseColumns)
    .onConflict((oc) =>
      oc
        .columns(Object.keys(c.key) as (keyof LeaseColumns)[])
        .doUpdateSet((eb) => ({
          attempts: sql<number>`${sql.ref(`${c.table}.attempts`)} + ${1}`,
          lease_owner: eb.ref("excluded.lease_owner"),
          lease_until: eb.ref("excluded.lease_until"),
          ...Object.fromEntries(Object.keys(also).map((col) => [col, sql.ref(`excluded.${col}`)])),
        }))
        .where(ref(`${c.table}.state`), "=", "claimed")
        .where(ref(`${c.table}.lease_until`), "<", c.now)
        .where(ref(`${c.table}.team_id`), "=", c.teamId),
    )
    .returningAll()
    .executeTakeFirst();
  return row as Selectable<Schema[T]> | undefined;
}

/** Who holds which row: writes below land only while this owner still holds it. */
export interface Held<T extends LeaseTable> {
  readonly table: T;
  readonly teamId: string;
  readonly key: Readonly<Record<string, number | string>>;
  readonly owner: string;
}

/** Writes `set` to a row this owner still holds; false means the claim was lost (nothing written). */
export async function updateHeld<T extends LeaseTable>(
  db: Kysely<Schema>,
  h: Held<T>,
  set: Partial<Omit<Selectable<Schema[T]>, "team_id">>,
): Promise<boolean> {
  const ldb = loose(db);
  let q = ldb
    .updateTable(h.table as unknown as "leased")
    .set(set as Partial<LeaseColumns>)
    .where("team_id", "=", checkTeam(h.teamId));
  for (const [col, value] of Object.entries(h.key)) q = q.where(ldb.dynamic.ref(col), "=", value);
  const result = await q.where("state", "=", "claimed").where("lease_owner", "=", h.owner).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The heartbeat: extends a held lease; false means the lease was lost, so stop working. */
export function renewLease<T extends LeaseTable>(
  db: Kysely<Schema>,
  h: Held<T>,
  leaseUntil: number,
): Promise<boolean> {
  return updateHeld(db, h, { lease_until: leaseUntil } as Partial<Selectable<Schema[T]>>);
}

/**
 * Records a failed attempt. Final: the row is 'failed' and never claimed again. Not final: it stays
 * 'claimed' with its lease ending at `retryAt`, so any worker may take it over after that time.
 */
export function recordFailure<T extends LeaseTable>(
  db: Kysely<Schema>,
  h: Held<T>,
  failure: { error: string; final: boolean; now: number; retryAt?: number },
): Promise<boolean> {
  const set = failure.final
    ? { state: "failed", lease_until: 0, error: failure.error, finished_at: failure.now }
    : { lease_until: failure.retryAt ?? failure.now, error: failure.error };
  return updateHeld(db, h, set as Partial<Selectable<Schema[T]>>);
}

/** Hands a held row back (lease_until = 0) on shutdown, so the next worker takes it over at once. */
export function handBack<T extends LeaseTable>(db: Kysely<Schema>, h: Held<T>): Promise<boolean> {
  return updateHeld(db, h, { lease_until: 0 } as Partial<Selectable<Schema[T]>>);
}

/**
 * Claimed rows whose lease has expired (crashed worker, handed back, or waiting to retry), across
 * ALL teams: the worker's way to find work before it knows the team. It then claims each, and the
 * claim decides who takes it over.
 */
export async function expired<T extends LeaseTable>(
  db: Kysely<Schema>,
  table: T,
  now: number,
  order: { by: string; limit: number },
): Promise<Selectable<Schema[T]>[]> {
  const ldb = loose(db);
  const rows = await ldb
    .selectFrom(table as unknown as "leased")
    .selectAll()
    .where("state", "=", "claimed")
    .where("lease_until", "<", now)
    .orderBy(ldb.dynamic.ref(order.by))
    .limit(order.limit)
    .execute();
  return rows as Selectable<Schema[T]>[];
}

/**
 * Deletes finished rows (every state but 'claimed') that finished before `before`, across all
 * teams: history, not work. A claimed row is never touched, however old, since a worker may hold it
 * or take it over. Returns how many were deleted.
 */
export async function pruneFinished(db: Kysely<Schema>, table: LeaseTable, before: number): Promise<number> {
  const r = await loose(db)
    .deleteFrom(table as unknown as "leased")
    .where("state", "!=", "claimed")
    .where("finished_at", "is not", null)
    .where("finished_at", "<", checkMs("before", before))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
