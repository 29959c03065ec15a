/**
 * Applies the code-defined migrations. Safe when several processes start at once (web, worker, a
 * release step): PostgreSQL serialises them with Kysely's advisory lock and runs each migration in a
 * transaction; SQLite serialises them with one BEGIN IMMEDIATE around the whole run.
 */
import { type Kysely, type MigrationResultSet, Migrator, sql } from "kysely";
import { dialectOf, SQLITE_BUSY_TIMEOUT_MS } from "./dialect.ts";
import { StoreError } from "./errors.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { Schema } from "./schema.ts";

// How long a second migrator waits for the first before giving up; a full migration takes < 1 s.
const SQLITE_LOCK_WAIT_MS = 60_000;
const SQLITE_LOCK_POLL_MS = 25;

export async function migrateToLatest(db: Kysely<Schema>): Promise<{ applied: string[] }> {
  if (dialectOf(db) === "postgres") {
    // The migration tables go in the connection's current schema (search_path). Without naming it,
    // Kysely would see a kysely_migration table in any other schema and skip creating ours.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return run(
      new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema ?? "public" }),
    );
  }
  return db.connection().execute(async (conn) => {
    await beginImmediate(conn);
    let committed = false;
    try {
      const result = await run(new Migrator({ db: conn, provider: migrationProvider }));
      await sql`commit`.execute(conn);
      committed = true;
      return result;
    } finally {
      if (!committed) await sql`rollback`.execute(conn);
    }
  });
}

// Kysely's migrator finds its own tables by introspecting every schema in the database, by name, so
// a schema or table that another app (or test file) drops at that moment fails the lookup with
// "… does not exist" before any migration has run. Nothing of ours changed then: look again.
const LOOKUP_RACE_CODES = new Set(["3F000", "42P01"]); // invalid_schema_name, undefined_table
const LOOKUP_ATTEMPTS = 5;

async function run(migrator: Migrator): Promise<{ applied: string[] }> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await migrator.migrateToLatest();
    const beforeAnyMigration = outcome.results === undefined;
    const code = (outcome.error as { code?: unknown } | undefined)?.code;
    if (beforeAnyMigration && LOOKUP_RACE_CODES.has(String(code)) && attempt < LOOKUP_ATTEMPTS) continue;
    return checked(outcome);
  }
}

function checked({ error, results = [] }: MigrationResultSet): { applied: string[] } {
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error")?.migrationName;
    const what = failed === undefined ? "Migrating the database" : `Migration ${failed}`;
    throw new StoreError("migration_failed", `${what} failed: ${(error as Error).message ?? String(error)}`, {
      cause: error,
    });
  }
  return { applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/**
 * Takes SQLite's write lock, polling instead of using busy_timeout: better-sqlite3 waits
 * synchronously, which would block the event loop of a process whose other connection holds the lock.
 */
async function beginImmediate(conn: Kysely<Schema>): Promise<void> {
  // A stopwatch for a real lock wait, not the time of day, so it is not taken from a Clock.
  const deadline = performance.now() + SQLITE_LOCK_WAIT_MS;
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== "SQLITE_BUSY" || performance.now() > deadline) {
          throw new StoreError(
            "migration_failed",
            `Cannot lock the SQLite database to migrate: ${(e as Error).message}`,
            {
              cause: e,
            },
          );
        }
        await new Promise((r) => setTimeout(r, SQLITE_LOCK_POLL_MS));
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(conn);
  }
}
