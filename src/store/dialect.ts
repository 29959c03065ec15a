import { type Kysely, PostgresAdapter } from "kysely";

export type DialectName = "sqlite" | "postgres";

/** Which database a Kysely instance talks to; migrations use it for the few DDL words that differ. */
export function dialectOf<T>(db: Kysely<T>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

// A writer waits up to 5 s for another process's write lock before SQLITE_BUSY; our writes are single
// statements or short transactions, so 5 s means something is stuck, not busy.
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;
