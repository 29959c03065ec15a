/**
 * Two workers on one database ticking the same minutes, as two processes would: each (rule, bucket)
 * is evaluated once and each incident is one Slack message. PostgreSQL sees real concurrent
 * sessions; SQLite runs everywhere (better-sqlite3 is synchronous, so it checks the logic only).
 */
import { afterEach, describe, expect, it } from "vitest";
import { targets } from "../../store/databases.ts";
import { hasPostgres } from "../../support/requirements.ts";
import { type AlertHarness, startAlertHarness } from "./harness.ts";

const outage = {
  clubId: 1000941,
  fromMs: Date.parse("2026-06-10T10:00:00Z"),
  toMs: Date.parse("2026-06-10T12:00:00Z"),
  factor: 0,
};

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
  cleanup = [];
});

async function race(target: (typeof targets)[number]): Promise<AlertHarness> {
  const created = await target.create();
  cleanup.push(() => created.drop());
  const h = await startAlertHarness("2026-06-10T09:50:00Z", {
    incidents: [outage],
    databaseUrl: created.url,
    workers: 2,
  });
  cleanup.push(() => h.close());
  await h.alert("below 5 per 1h hours=11:00-20:00");
  await h.alert("below 5 per 1h hours=11:00-20:00 offer_type=regular");
  await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T14:20:00Z", 1);
  return h;
}

async function expectOnce(h: AlertHarness): Promise<void> {
  const rows = await h.database.db.selectFrom("alert_evaluations").selectAll().execute();
  const keys = rows.map((r) => `${r.rule_id}:${r.bucket_start}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Two rules, 6 hourly buckets each (10:00 to 15:00 local), every one judged once and finished.
  expect(rows).toHaveLength(12);
  expect(rows.every((r) => r.state === "done" && r.attempts === 1)).toBe(true);
  const alerts = h.alerts();
  expect(alerts).toHaveLength(2);
  for (const m of alerts) {
    expect(h.replies(m).map((r) => r.text)).toEqual([expect.stringContaining("Back to normal after 2 h")]);
  }
  expect(h.emulator.callsOf("chat.update")).toHaveLength(2);
}

describe("two workers ticking the same minutes", () => {
  it("on SQLite evaluate each rule and bucket once and post one message per incident", async () => {
    await expectOnce(await race(targets[0] as (typeof targets)[number]));
  });

  describe.skipIf(!hasPostgres())("on PostgreSQL", () => {
    it("evaluate each rule and bucket once and post one message per incident", async () => {
      await expectOnce(await race(targets[1] as (typeof targets)[number]));
    });
  });
});
