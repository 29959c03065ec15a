/**
 * Alert evaluation across two real worker processes (test/jobs/fixtures/worker-child.ts, each with
 * its own Placewise simulator of the same seed) on one database, ticking the same minutes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseRule } from "../../../src/alerts/rules.ts";
import { createAlertRule } from "../../../src/store/alerts.ts";
import { migrateToLatest, openDatabase } from "../../../src/store/db.ts";
import { startSlackFake } from "../../fakes/slack.ts";
import { targets } from "../../store/databases.ts";
import { startChild } from "../children.ts";
import { BOT, CHANNEL, CREATOR, runKeyIn, TEAM } from "./harness.ts";

const MINUTE = 60_000;
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
  cleanup = [];
});

describe.each(targets)("alert evaluation in two worker processes on $name", (target) => {
  if (target.skipReason !== null)
    console.warn(`Skipping alert process tests on ${target.name}: ${target.skipReason}`);

  it.skipIf(target.skipReason !== null)(
    "each rule and bucket is evaluated once and each incident posted once",
    async () => {
      const t0 = Date.parse("2026-06-10T07:50:00Z");
      const created = await target.create();
      cleanup.push(() => created.drop());
      const database = await openDatabase(created.url);
      cleanup.push(() => database.close());
      await migrateToLatest(database.db);
      const emulator = await startSlackFake({
        teamId: TEAM,
        botUserId: BOT,
        channels: [{ id: CHANNEL, name: "offers", members: [BOT, CREATOR] }],
        users: [{ id: CREATOR, name: "ann" }],
      });
      cleanup.push(() => emulator.close());
      // Every hour is below 100,000: each rule opens one incident at its first bucket and keeps it.
      for (const words of [
        "below 100000 per 1h",
        "below 100000 per 1h offer_type=regular",
        "below 100000 per 5m",
      ]) {
        const { rule, rest } = parseRule(words);
        await createAlertRule(database.db, {
          teamId: TEAM,
          channelId: CHANNEL,
          creatorId: CREATOR,
          ruleText: rule.text,
          query: rest.join(" "),
          timezone: "Europe/Oslo",
          now: t0,
        });
      }
      const env = {
        DATABASE_URL: created.url,
        SLACK_API_URL: emulator.apiUrl,
        SLACK_TOKEN: emulator.token,
        START: String(t0),
      };
      const a = await startChild({ ...env, OWNER: "a" });
      const b = await startChild({ ...env, OWNER: "b" });
      cleanup.push(async () => {
        for (const c of [a, b]) if (c.process.exitCode === null) c.process.kill("SIGKILL");
      });
      for (let t = t0; t <= t0 + 180 * MINUTE; t += 5 * MINUTE) await Promise.all([a.tick(t), b.tick(t)]);

      const rows = await database.db.selectFrom("alert_evaluations").selectAll().execute();
      const keys = rows.map((r) => `${r.rule_id}:${r.bucket_start}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(rows.every((r) => r.state === "done" && r.attempts === 1)).toBe(true);
      // Hourly rules: 06:00Z (the newest complete one at 07:50Z) to 09:00Z (complete at 10:15Z).
      expect(rows.filter((r) => r.rule_id === 1)).toHaveLength(4);
      expect(new Set(rows.map((r) => r.lease_owner))).toEqual(new Set(["a", "b"]));
      const posted = emulator
        .messagesIn(CHANNEL)
        .filter((m) => m.thread_ts === undefined && runKeyIn(m)?.startsWith("alert:"));
      expect(posted.map((m) => runKeyIn(m)?.split(":")[1]).sort()).toEqual(["1", "2", "3"]);
      expect(await a.stop()).toBe(0);
      expect(await b.stop()).toBe(0);
    },
    120_000,
  );
});
