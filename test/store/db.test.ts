import { existsSync } from "node:fs";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "../../src/store/db.ts";
import { StoreError } from "../../src/store/errors.ts";
import { createSubscription, getSubscription } from "../../src/store/subscriptions.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";

describe.each(targets)("database on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("migrations and types", () => {
    const store = useStore(target);

    it("applies migrations again without error and reports nothing new", async () => {
      expect(await migrateToLatest(store.database.db)).toEqual({ applied: [] });
      expect(await migrateToLatest(store.database.db)).toEqual({ applied: [] });
    });

    it("reads 64-bit millisecond timestamps back as exact JS numbers", async () => {
      // 2^52 + 1 needs more than 32 bits and is still exact in a double; a string would fail toBe.
      const far = 2 ** 52 + 1;
      const team = newTeam();
      const s = await createSubscription(store.database.db, {
        teamId: team,
        channelId: "C1",
        creatorId: "U1",
        query: "last 24h interval=1h",
        scheduleText: "daily 08:00",
        cron: "0 8 * * *",
        timezone: "Europe/Oslo",
        nextRunAt: far,
        now: NOW,
      });
      const read = await getSubscription(store.database.db, team, s.id);
      expect(read?.nextRunAt).toBe(far);
      expect(read?.createdAt).toBe(NOW);
      expect(typeof read?.createdAt).toBe("number");
      const { rows } = await sql<{ n: number }>`select count(*) as n from subscriptions`.execute(
        store.database.db,
      );
      expect(typeof rows[0]?.n).toBe("number");
    });
  });

  describe.skipIf(target.skipReason !== null)("concurrent migration", () => {
    it("two connections migrating a fresh database at once apply each migration exactly once", async () => {
      const created = await target.create();
      const a = await openDatabase(created.url);
      const b = await openDatabase(created.url);
      try {
        const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
        expect([...ra.applied, ...rb.applied].sort()).toEqual([
          "0001_init",
          "0002_alert_lifecycle",
          "0003_rate_gates",
          "0004_shared_digests",
          "0005_report_jobs",
          "0010_installations",
          "0020_subscription_options",
          "0030_team_settings",
        ]);
        const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(a.db);
        expect(Number(rows[0]?.n)).toBe(8);
      } finally {
        await a.close();
        await b.close();
        await created.drop();
      }
    });
  });
});

// Kysely's migrator looks for its tables through an introspection of every schema in the database
// (has_schema_privilege by name), so a schema dropped by someone else at that moment used to fail
// our migration with "schema … does not exist": several apps, or test files, sharing one database.
describe.skipIf(targets[1]?.skipReason !== null)(
  "migration on PostgreSQL while other schemas come and go",
  () => {
    it("succeeds every time", async () => {
      const postgres = targets[1] as (typeof targets)[number];
      let churning = true;
      const churn = (async () => {
        // Other tenants' schemas, each with tables, created and dropped as fast as the server allows.
        const others = await Promise.all([0, 1, 2].map(() => postgres.create()));
        const conns = await Promise.all(others.map((o) => openDatabase(o.url)));
        try {
          for (let i = 0; churning; i++) {
            await Promise.all(
              conns.map(async (c, k) => {
                const t = `churn_${k}_${i}`;
                await sql.raw(`create table ${t} (a int, b text, c int)`).execute(c.db);
                await sql.raw(`drop table ${t}`).execute(c.db);
              }),
            );
            const o = await postgres.create();
            const c = await openDatabase(o.url);
            await sql.raw("create table t (a int, b text)").execute(c.db);
            await c.close();
            await o.drop();
          }
        } finally {
          for (const c of conns) await c.close();
          for (const o of others) await o.drop();
        }
      })();
      const failures: string[] = [];
      try {
        for (let i = 0; i < 12; i++) {
          const created = await postgres.create();
          const d = await openDatabase(created.url);
          try {
            await migrateToLatest(d.db);
          } catch (e) {
            failures.push((e as Error).message);
          } finally {
            await d.close();
            await created.drop();
          }
        }
      } finally {
        churning = false;
        await churn;
      }
      expect(failures).toEqual([]);
    }, 60_000);
  },
);

describe("openDatabase", () => {
  it("creates the folder of a SQLite file and turns on WAL and foreign keys", async () => {
    const created = await targets[0]?.create();
    if (created === undefined) throw new Error("no sqlite target");
    const database = await openDatabase(created.url);
    try {
      expect(database.dialect).toBe("sqlite");
      expect(existsSync(created.url.slice("file:".length))).toBe(true);
      const { rows: fk } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      expect(fk[0]?.foreign_keys).toBe(1);
      const { rows: wal } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      expect(wal[0]?.journal_mode).toBe("wal");
    } finally {
      await database.close();
      await created.drop();
    }
  });

  it("opens an in-memory SQLite database for file::memory:", async () => {
    const database = await openDatabase("file::memory:");
    try {
      expect(await migrateToLatest(database.db)).toEqual({
        applied: [
          "0001_init",
          "0002_alert_lifecycle",
          "0003_rate_gates",
          "0004_shared_digests",
          "0005_report_jobs",
          "0010_installations",
          "0020_subscription_options",
          "0030_team_settings",
        ],
      });
    } finally {
      await database.close();
    }
  });

  it("refuses an unsupported URL naming the accepted forms, without printing its password", async () => {
    const err = await openDatabase("mysql://root:hunter2@db/offers").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe("bad_url");
    expect((err as Error).message).toContain("postgres://");
    expect((err as Error).message).not.toContain("hunter2");
  });

  it("reports an unreachable PostgreSQL server as unavailable, without printing its password", async () => {
    // Port 1 on loopback refuses at once; no server listens there.
    const err = await openDatabase("postgres://app:hunter2@127.0.0.1:1/offers").catch((e: unknown) => e);
    expect((err as StoreError).code).toBe("unavailable");
    expect((err as Error).message).toContain("app:***@127.0.0.1:1");
    expect((err as Error).message).not.toContain("hunter2");
  });
});
