/**
 * Opens the database named by DATABASE_URL: `file:PATH` (SQLite via better-sqlite3) or
 * `postgres://...` (pg pool). Both get the same schema and the same repository code.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { redactUrl, redactUrlsIn } from "../util/redact.ts";
import { type DialectName, SQLITE_BUSY_TIMEOUT_MS } from "./dialect.ts";
import { StoreError } from "./errors.ts";
import type { Schema } from "./schema.ts";

export type { DialectName } from "./dialect.ts";
export { migrateToLatest } from "./migrate.ts";

export type Db = Kysely<Schema>;

export interface Database {
  readonly db: Db;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// Web and worker each hold a pool; 10 keeps two processes well under PostgreSQL's default 100.
const PG_POOL_MAX = 10;

/** `file:./x.sqlite`, `file:/abs/x.sqlite`, `file:///abs/x.sqlite` or `file::memory:` → a better-sqlite3 path. */
export function sqlitePath(url: string): string {
  const rest = url.slice("file:".length);
  if (rest === ":memory:" || rest === "") return ":memory:";
  if (rest.startsWith("//")) return fileURLToPath(url);
  return resolve(decodeURIComponent(rest.split("?")[0] as string));
}

export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith("file:")) return openSqlite(sqlitePath(url));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new StoreError(
    "bad_url",
    `Database URL "${redactUrl(url)}" is not supported: use file:./data/offer-digest.sqlite or postgres://user@host:5432/db.`,
  );
}

function openSqlite(path: string): Database {
  let database: Sqlite.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    database = new Sqlite(path);
    if (path !== ":memory:") database.pragma("journal_mode = WAL");
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
    database.pragma("synchronous = NORMAL");
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma("foreign_keys = ON");
  } catch (e) {
    throw new StoreError("unavailable", `Cannot open SQLite database ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_MAX,
    application_name: "offer-digest",
    // int8 (oid 20) holds our ms timestamps and count(*); 2^53 ms is year 287396, so Number is exact.
    // Scoped to this pool so other pg users in the process keep the default string parsing.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 20 ? Number : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart, network cut) is emitted on the pool and would crash the
  // process unhandled; the pool drops that client and the next query connects afresh.
  const lost = (e: Error) =>
    console.warn(`PostgreSQL connection lost (${redactUrl(url)}): ${redactUrlsIn(e.message)}`);
  pool.on("error", lost);
  // The pool listens for errors only on idle clients: a connection cut while a client is checked
  // out (a query in flight) emitted 'error' with no listener and killed the process (found with
  // test/jobs/postgres-cut.test.ts). A listener of its own on every client keeps it an error of
  // that query, which fails and is retried by its caller; the pool then drops the broken client.
  pool.on("connect", (client) => client.on("error", lost));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy();
    // pg answers "Invalid URL" for a password holding "/" or "#": say how to write one.
    const message = redactUrlsIn((e as Error).message);
    const hint = /invalid url/i.test(message)
      ? " (a password with / @ : # ? must be percent-encoded in DATABASE_URL: / as %2F, @ as %40, : as %3A, # as %23, ? as %3F)"
      : "";
    throw new StoreError("unavailable", `Cannot connect to ${redactUrl(url)}: ${message}${hint}`, {
      cause: e,
    });
  }
  return { db, dialect: "postgres", close: () => db.destroy() };
}
