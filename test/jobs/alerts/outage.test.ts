import { afterEach, describe, expect, it } from "vitest";
import { listAlertStates } from "../../../src/store/alert-states.ts";
import { type AlertHarness, runKeyIn, shown, startAlertHarness, TEAM } from "./harness.ts";

const CLUB = 1000941;
const H = 3_600_000;

let h: AlertHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Buttons of a message by action id. */
function buttons(m: { blocks?: unknown[] }): Array<{ action_id: string; value: string }> {
  return (m.blocks ?? [])
    .filter((b) => (b as { type: string }).type === "actions")
    .flatMap((b) => (b as { elements: Array<{ action_id: string; value: string }> }).elements);
}

describe("a `below 5 per 1h` rule on a scanner outage", () => {
  // Wednesday 2026-06-10, Oslo is +02:00: the scanners are down 12:00-14:00 local (10:00Z-12:00Z).
  const outage = {
    clubId: CLUB,
    fromMs: Date.parse("2026-06-10T10:00:00Z"),
    toMs: Date.parse("2026-06-10T12:00:00Z"),
    factor: 0,
  };

  it("fires once with the chart and snooze buttons, then resolves in place with a thread reply", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [outage] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T14:20:00Z", 5);

    const alerts = h.alerts();
    expect(alerts).toHaveLength(1);
    const fired = alerts[0];
    if (fired === undefined) throw new Error("no alert message");
    expect(runKeyIn(fired)).toBe(`alert:${rule.id}::${outage.fromMs}`);

    // The message as it is now was edited in place into its resolved version, keeping the chart.
    const now = h.current(fired);
    expect(now.edited).toBeDefined();
    expect(shown(now)).toContain("Resolved after 2 h");
    expect(shown(now)).toContain("Wed 10 Jun 12:00 to Wed 10 Jun 14:00");
    const image = (now.blocks ?? []).find((b) => (b as { type: string }).type === "image") as
      | { slack_file: { id: string } }
      | undefined;
    expect(image).toBeDefined();
    const file = h.emulator.files.get(image?.slack_file.id ?? "");
    expect(file?.completed).toBe(true);
    // A real PNG: the signature bytes.
    expect(file?.bytes?.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(buttons(now)).toEqual([]);

    const replies = h.replies(fired);
    expect(replies.map((r) => r.text)).toEqual([expect.stringContaining("Back to normal after 2 h: ")]);

    const states = await listAlertStates(h.database.db, TEAM, rule.id);
    expect(states.map((s) => [s.labelKey, s.status, s.messageTs])).toEqual([["", "resolved", fired.ts]]);
  });

  it("the firing message says what, where, the value against the threshold, since when, with buttons", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [outage] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00 offer_type=regular,birthday");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T11:15:00Z", 5);

    const [fired] = h.alerts();
    if (fired === undefined) throw new Error("no alert message");
    const text = shown(fired);
    expect(text).toContain("below 5 per 1h");
    expect(text).toContain("0 in 12:00–13:00 on Wed 10 Jun");
    expect(text).toContain("at least 5");
    expect(text).toContain("Wed 10 Jun 12:00");
    expect(text).toContain("regular or birthday offers");
    expect(buttons(fired)).toEqual([
      expect.objectContaining({ action_id: "alert_snooze_1h", value: String(rule.id) }),
      expect.objectContaining({ action_id: "alert_snooze_tomorrow", value: String(rule.id) }),
      expect.objectContaining({ action_id: "alert_snooze_1w", value: String(rule.id) }),
      expect.objectContaining({ action_id: "alert_mute", value: String(rule.id) }),
    ]);
    expect(h.emulator.callsOf("files.completeUploadExternal")).toHaveLength(1);
  });

  it("never judges the newest bucket before it is complete and the 15 min data lag has passed", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [outage] });
    await h.alert("below 5 per 1h hours=11:00-20:00");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T13:30:00Z", 1);

    const rows = await h.database.db
      .selectFrom("alert_evaluations")
      .selectAll()
      .orderBy("bucket_start")
      .execute();
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.created_at).toBeGreaterThanOrEqual(r.bucket_start + H + 15 * 60_000);
    // The 12:00 local bucket ends 11:00Z; judged at the first tick 15 minutes later, not a minute before.
    const noon = rows.find((r) => r.bucket_start === outage.fromMs);
    expect(noon?.created_at).toBe(Date.parse("2026-06-10T11:15:00Z"));
    expect(rows.map((r) => r.bucket_start)).toEqual([...new Set(rows.map((r) => r.bucket_start))]);
    expect(rows.every((r) => r.state === "done")).toBe(true);
  });
});
