/**
 * The databases every store test runs against: a SQLite file in a temp folder, and PostgreSQL from
 * TEST_DATABASE_URL in a fresh schema per test file (dropped afterwards), so parallel files and CI
 * reruns never see each other's rows.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type Database, migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { hasPostgres, postgresUrl } from "../support/requirements.ts";

export interface Target {
  readonly name: "sqlite" | "postgres";
  /** Why this target is skipped, or null when it runs. */
  readonly skipReason: string | null;
  /** A fresh, empty database; `url` opens more connections to the same one. */
  create(): Promise<{ url: string; drop(): Promise<void> }>;
}

// In CI (REQUIRE_POSTGRES set) a missing TEST_DATABASE_URL throws here and fails the run; elsewhere
// hasPostgres prints why the PostgreSQL half is skipped.
const pgUrl = hasPostgres() ? (postgresUrl as string) : undefined;
const PG_SKIP = "TEST_DATABASE_URL is not set (CI sets postgres://postgres@127.0.0.1:5432/test)";

export const targets: Target[] = [
  {
    name: "sqlite",
    skipReason: null,
    async create() {
      const dir = mkdtempSync(join(tmpdir(), "offer-digest-store-"));
      return {
        url: `file:${join(dir, "nested", "test.sqlite")}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "postgres",
    skipReason: pgUrl ? null : PG_SKIP,
    async create() {
      const schema = `offer_digest_test_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const url = new URL(pgUrl as string);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return {
        url: url.toString(),
        async drop() {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`drop schema if exists ${schema} cascade`);
          await c.end();
        },
      };
    },
  },
];

export interface Store {
  /** A migrated database shared by the tests of one file; each test uses its own team ids. */
  readonly database: Database;
  readonly url: string;
  /** Another connection (SQLite) or pool (PostgreSQL) to the same database, closed after the file. */
  another(): Promise<Database>;
}

/** Registers beforeAll/afterAll that create, migrate and drop one database for the file. */
export function useStore(target: Target): Store {
  const extra: Database[] = [];
  let created: { url: string; drop(): Promise<void> } | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    created = await target.create();
    database = await openDatabase(created.url);
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    for (const d of extra) await d.close();
    await database?.close();
    await created?.drop();
  });
  return {
    get database() {
      if (database === undefined) throw new Error("useStore: the database is opened in beforeAll");
      return database;
    },
    get url() {
      return created?.url ?? "";
    },
    async another() {
      const d = await openDatabase(created?.url ?? "");
      extra.push(d);
      return d;
    },
  };
}

let counter = 0;
/** A team id no other test in this file uses. */
export function newTeam(): string {
  counter += 1;
  return `T${counter.toString().padStart(4, "0")}${randomBytes(2).toString("hex").toUpperCase()}`;
}

/** 2025-08-27 10:00 UTC: the fixed "now" of the store tests. */
export const NOW = Date.UTC(2025, 7, 27, 10, 0);
