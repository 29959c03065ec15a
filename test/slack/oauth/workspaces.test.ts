/**
 * Two installed workspaces, each with its own Placewise customer, doing the same things at the same
 * time: each sees its own club's numbers, its own ids, nothing of the other; a workspace that has not
 * connected is told how; the app removed from one stops its due digest at once and deletes its tokens,
 * and the database file never holds a token in the clear.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test as vitestTest } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { UNINSTALLED_REASON } from "../../../src/store/team-lifecycle.ts";
import { targets } from "../../store/databases.ts";
import { type OAuthHarness, startOAuthApp, TEAMS } from "./harness.ts";

const totalIn = (text: string): number => {
  const m = /Total:\s*\*?([\d,.\s\u00a0\u202f]+?)\*?\s*·/.exec(text);
  if (m === null) throw new Error(`no total in: ${text}`);
  return Number((m[1] as string).replace(/\D/g, ""));
};

describe.each(targets)("two workspaces, two Placewise customers on $name", (target) => {
  let h: OAuthHarness;
  let drop: (() => Promise<void>) | undefined;
  const botTokens: string[] = [];
  beforeAll(async () => {
    if (target.skipReason !== null) return;
    const created = target.name === "postgres" ? await target.create() : null;
    drop = created?.drop;
    h = await startOAuthApp(created === null ? {} : { databaseUrl: created.url });
    for (const team of ["a", "b"] as const) {
      expect((await h.install(team)).status).toBe(200);
      botTokens.push(...h.ws(team).tokens);
    }
  }, 30_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
  });
  const test = target.skipReason === null ? vitestTest : vitestTest.skip;

  test("a workspace that has not connected Placewise is told how, and nothing is fetched for it", async () => {
    const sent = await h.command("a", "report last 24h interval=1h");
    expect(sent.ack.json?.text).toContain("/offers connect");
    expect(sent.ack.json?.text).toContain("not connected");
    const sub = await h.command("a", "subscribe daily 08:00 last 24h interval=1h");
    expect(sub.ack.json?.text).toContain("/offers connect");
    expect((await h.runtime.deps.db.selectFrom("subscriptions").selectAll().execute()).length).toBe(0);
  });

  test("/offers connect from a member is refused; from an admin it opens the modal", async () => {
    const member = await h.command("a", "connect", "member");
    expect(member.ack.json?.text).toContain("Only a workspace admin");
    const before = h.ws("a").modals.length;
    await h.command("a", "connect");
    await expect.poll(() => h.ws("a").modals.length, { timeout: 5_000 }).toBe(before + 1);
    expect(JSON.stringify(h.ws("a").modals.at(-1))).toContain("placewise_connect");
  });

  test("a wrong token or customer is refused in the modal and nothing is saved", async () => {
    const bad = await h.connect("a", "1000941", "not-a-real-token");
    expect(bad.json?.response_action).toBe("errors");
    expect(JSON.stringify(bad.json?.errors)).toContain("Placewise refused the token");
    const badCustomer = await h.connect("a", "my club", SIM_TOKENS.client);
    expect(JSON.stringify(badCustomer.json?.errors)).toContain("Expected a club id");
    const rows = await h.runtime.deps.db.selectFrom("placewise_connections").selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  test("connected to different clubs, the same command at the same time gives each its own numbers", async () => {
    expect((await h.connect("a", "1000941", SIM_TOKENS.client)).status).toBe(200);
    expect((await h.connect("b", "id=1000942", SIM_TOKENS.user, "user")).status).toBe(200);
    const [a, b] = await Promise.all([
      h.command("a", "report last 24h interval=1h"),
      h.command("b", "report last 24h interval=1h"),
    ]);
    const [ma, mb] = await Promise.all([h.posted("a", a.since), h.posted("b", b.since)]);
    expect(totalIn(ma.text)).toBeGreaterThan(0);
    expect(totalIn(mb.text)).toBeGreaterThan(0);
    expect(totalIn(ma.text)).not.toBe(totalIn(mb.text));
    // Each club's own zone: Mall B's club is in Helsinki.
    expect(mb.text).toContain("Europe/Helsinki");
    expect(ma.text).toContain("Europe/Oslo");
    // Each answer went to its own workspace only.
    expect(h.ws("a").messagesIn(TEAMS.b.channel)).toHaveLength(0);
  });

  test("an id of another workspace is answered exactly like one that does not exist", async () => {
    const sub = await h.command("a", "subscribe daily 08:00 last 24h interval=1h");
    const text = (await h.ephemeral("a", sub.since)).text;
    const id = Number(/#(\d+)/.exec(text)?.[1]);
    expect(id).toBeGreaterThan(0);
    for (const verb of ["pause", "delete", "run"]) {
      const theirs = await h.command("b", `${verb} ${id}`);
      const a = (await h.ephemeral("b", theirs.since)).text.replace(`#${id}`, "#N");
      const none = await h.command("b", `${verb} 99999`);
      const b = (await h.ephemeral("b", none.since)).text.replace("#99999", "#N");
      expect(a).toBe(b);
    }
    const row = await h.runtime.deps.db
      .selectFrom("subscriptions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    expect(row?.state).toBe("active");
  });

  test("the database holds no Slack or Placewise token: the SQLite file's bytes, every PostgreSQL row", async () => {
    expect(botTokens).toHaveLength(2);
    let dump = "";
    if (h.databaseFile !== null) {
      for (const f of [h.databaseFile, `${h.databaseFile}-wal`]) {
        try {
          dump += readFileSync(f).toString("latin1");
        } catch {
          // No WAL file: everything is in the main file.
        }
      }
    } else {
      for (const table of [
        "slack_installations",
        "slack_team_links",
        "placewise_connections",
        "subscriptions",
      ]) {
        dump += JSON.stringify(
          (await sql`select * from ${sql.table(table)}`.execute(h.runtime.deps.db)).rows,
        );
      }
    }
    expect(dump).toContain("T0MALLA");
    for (const secret of [...botTokens, SIM_TOKENS.client, SIM_TOKENS.user])
      expect(dump).not.toContain(secret);
    expect(dump).not.toContain("xoxb-");
  });

  test("removing the app stops a digest that was due, deletes the tokens at once and keeps the items paused", async () => {
    const sub = await h.command("a", 'subscribe cron "*/5 * * * *" last 1h interval=5m');
    const id = Number(/#(\d+)/.exec((await h.ephemeral("a", sub.since)).text)?.[1]);
    h.clock.advance(6 * 60_000);
    const posts = h.emulator.callsOf("chat.postMessage").length;
    expect((await h.event("a", { type: "app_uninstalled" })).status).toBe(200);
    h.emulator.revoke(TEAMS.a.teamId);
    const worker = h.runtime.worker;
    expect(worker).not.toBeNull();
    await worker?.runDueNow();
    expect(h.emulator.callsOf("chat.postMessage").length).toBe(posts);
    const install = await h.runtime.deps.db
      .selectFrom("slack_installations")
      .selectAll()
      .where("install_key", "=", `T:${TEAMS.a.teamId}`)
      .executeTakeFirst();
    expect(install?.sealed).toBeNull();
    const conn = await h.runtime.deps.db.selectFrom("placewise_connections").selectAll().execute();
    expect(conn.map((c) => c.team_id)).toEqual([TEAMS.b.teamId]);
    const row = await h.runtime.deps.db
      .selectFrom("subscriptions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    expect(row?.state).toBe("paused");
    expect(row?.paused_reason).toBe(UNINSTALLED_REASON);
    // Mall B goes on as before.
    const b = await h.command("b", "report last 1h interval=5m");
    expect(totalIn((await h.posted("b", b.since)).text)).toBeGreaterThanOrEqual(0);
  });

  test("30 days after removal everything of the workspace is purged; the other keeps its items", async () => {
    h.clock.advance(31 * 24 * 3_600_000);
    await h.runtime.deps.teams?.purgeExpired();
    const count = async (team: string) =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from subscriptions where team_id = ${team}`.execute(
            h.runtime.deps.db,
          )
        ).rows[0]?.n,
      );
    expect(await count(TEAMS.a.teamId)).toBe(0);
    expect(await count(TEAMS.b.teamId)).toBeGreaterThanOrEqual(0);
    const rows = await h.runtime.deps.db.selectFrom("slack_installations").select("install_key").execute();
    expect(rows.map((r) => r.install_key)).toEqual([`T:${TEAMS.b.teamId}`]);
  });
});
