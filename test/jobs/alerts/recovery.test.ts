import { afterEach, describe, expect, it } from "vitest";
import { type AlertHarness, BOT, CHANNEL, CREATOR, startAlertHarness } from "./harness.ts";

const H = 3_600_000;
let h: AlertHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function evaluations(harness: AlertHarness) {
  return harness.database.db.selectFrom("alert_evaluations").selectAll().orderBy("bucket_start").execute();
}

describe("alerts after downtime and failures", () => {
  it("a worker back after 5 h judges the missed buckets in order from one fetch, and the outage in them fires once", async () => {
    const outage = {
      clubId: 1000941,
      fromMs: Date.parse("2026-06-10T11:00:00Z"),
      toMs: Date.parse("2026-06-10T12:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2026-06-10T09:20:00Z", { incidents: [outage] });
    await h.alert("below 5 per 1h hours=11:00-20:00");
    await h.tickAt("2026-06-10T09:20:00Z");
    const client = h.clients[0];
    if (client === undefined) throw new Error("no client");
    const before = client.stats.requests;
    await h.tickAt("2026-06-10T14:20:00Z");

    expect(client.stats.requests - before).toBe(1);
    const rows = await evaluations(h);
    expect(rows.map((r) => (r.bucket_start - Date.parse("2026-06-10T08:00:00Z")) / H)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
    expect(h.alerts()).toHaveLength(1);
  });

  it("a bucket whose history Placewise failed to deliver is judged again at a later tick, once", async () => {
    h = await startAlertHarness("2026-06-10T09:20:00Z");
    await h.alert("below 5 per 1h hours=11:00-20:00");
    // More 503s than the client's 4 attempts: this tick's evaluation fails and waits a minute.
    h.simulator.injectFault({ kind: "status", status: 503, times: 4 });
    await h.tickAt("2026-06-10T09:20:00Z");
    let [row] = await evaluations(h);
    expect(row).toMatchObject({ state: "claimed", attempts: 1 });
    expect(row?.error).toContain("503");

    await h.tickAt("2026-06-10T09:20:30Z");
    expect((await evaluations(h))[0]?.attempts).toBe(1);
    await h.tickAt("2026-06-10T09:21:00Z");
    [row] = await evaluations(h);
    expect(row).toMatchObject({ state: "done", attempts: 2, error: null });
  });

  it("a bucket Placewise refuses for good (403) is recorded as failed and skipped; the next one is judged", async () => {
    h = await startAlertHarness("2026-06-10T09:20:00Z");
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    h.simulator.injectFault({ kind: "status", status: 403, times: 1 });
    await h.tickAt("2026-06-10T09:20:00Z");
    await h.tickAt("2026-06-10T10:20:00Z");

    const rows = await evaluations(h);
    expect(rows.map((r) => [new Date(r.bucket_start).toISOString(), r.state])).toEqual([
      ["2026-06-10T08:00:00.000Z", "failed"],
      ["2026-06-10T09:00:00.000Z", "done"],
    ]);
    expect((await h.reload(rule)).lastEvaluatedBucket).toBe(Date.parse("2026-06-10T09:00:00Z"));
  });

  it("a worker that died after posting but before recording: the bucket is taken over and the message not posted twice", async () => {
    const outage = {
      clubId: 1000941,
      fromMs: Date.parse("2026-06-10T10:00:00Z"),
      toMs: Date.parse("2026-06-10T12:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2026-06-10T11:15:00Z", { incidents: [outage] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    await h.tickAt("2026-06-10T11:15:00Z");
    const [posted] = h.alerts();
    if (posted === undefined) throw new Error("no alert message");
    // Put the database back to how a crash right after chat.postMessage leaves it: the claim still
    // held (its lease run out), no state stored, the rule not moved on.
    const db = h.database.db;
    await db.deleteFrom("alert_states").execute();
    await db
      .updateTable("alert_evaluations")
      .set({ state: "claimed", lease_until: 0, result: null, finished_at: null })
      .execute();
    await db.updateTable("alert_rules").set({ last_evaluated_bucket: null }).execute();

    await h.tickAt("2026-06-10T11:20:00Z");
    expect(h.alerts()).toHaveLength(1);
    const [row] = await evaluations(h);
    expect(row).toMatchObject({ state: "done", attempts: 2 });
    const state = await db.selectFrom("alert_states").selectAll().executeTakeFirst();
    expect(state).toMatchObject({ rule_id: rule.id, status: "firing", message_ts: posted.ts });
  });

  it("a rule whose channel removed the bot is paused with the reason, and its creator told once", async () => {
    const outage = {
      clubId: 1000941,
      fromMs: Date.parse("2026-06-10T10:00:00Z"),
      toMs: Date.parse("2026-06-10T13:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2026-06-10T11:15:00Z", { incidents: [outage] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    h.emulator.setMember(CHANNEL, BOT, false);
    await h.tickThrough("2026-06-10T11:15:00Z", "2026-06-10T13:15:00Z", 30);

    const paused = await h.reload(rule);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toContain("the bot was removed from <#C0OFFERS>");
    const dms = [...h.emulator.channels.values()]
      .filter((c) => c.isIm === true && c.members.includes(CREATOR))
      .flatMap((c) => h?.emulator.messagesIn(c.id) ?? []);
    expect(dms.map((m) => m.text)).toEqual([
      expect.stringContaining(`alert #${rule.id} in <#C0OFFERS> is paused`),
    ]);
    expect(await evaluations(h)).toHaveLength(1);
  });
});
