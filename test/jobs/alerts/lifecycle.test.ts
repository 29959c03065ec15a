import { afterEach, describe, expect, it } from "vitest";
import { listAlertStates } from "../../../src/store/alert-states.ts";
import { muteAlertRule, snoozeAlertRule } from "../../../src/store/alerts.ts";
import { type AlertHarness, runKeyIn, shown, startAlertHarness, TEAM } from "./harness.ts";

const CLUB = 1000941;
const at = (iso: string) => Date.parse(iso);
/** Scanners down from `fromZ` to `toZ` (UTC) on Wednesday 2026-06-10 (Oslo is +02:00). */
const down = (fromZ: string, toZ: string) => ({
  clubId: CLUB,
  fromMs: at(`2026-06-10T${fromZ}:00Z`),
  toMs: at(`2026-06-10T${toZ}:00Z`),
  factor: 0,
});

let h: AlertHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("alert lifecycle in Slack", () => {
  it("input that flaps between outage and normal every hour gives one incident, one message, one resolution", async () => {
    // Local 12, 14 and 16 o'clock down, 13, 15 normal, then normal from 17.
    h = await startAlertHarness("2026-06-10T09:50:00Z", {
      incidents: [down("10:00", "11:00"), down("12:00", "13:00"), down("14:00", "15:00")],
    });
    await h.alert("below 5 per 1h hours=11:00-20:00");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T17:20:00Z", 5);

    const alerts = h.alerts();
    expect(alerts).toHaveLength(1);
    const [fired] = alerts;
    if (fired === undefined) throw new Error("no alert message");
    const replies = h.replies(fired);
    expect(replies).toHaveLength(1);
    // From the first breach (12:00 local) to the first of the two healthy hours that closed it (17:00).
    expect(replies[0]?.text).toContain("Back to normal after 5 h");
  });

  it("a long incident is reminded in the thread and its message edited with the newest value", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [down("10:00", "14:00")] });
    await h.alert("below 5 per 1h hours=11:00-20:00 renotify=2h");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T13:20:00Z", 5);

    const [fired] = h.alerts();
    if (fired === undefined) throw new Error("no alert message");
    expect(h.alerts()).toHaveLength(1);
    // Fired at 13:00 local (the 12:00 bucket's end); 2 h later, at the 14:00 bucket's end, a reminder.
    expect(h.replies(fired).map((r) => r.text)).toEqual([
      expect.stringContaining("Still firing after 3 h: 0 in 14:00–15:00 on Wed 10 Jun"),
    ]);
    const now = h.current(fired);
    expect(now.edited).toBeDefined();
    expect(shown(now)).toContain("0 in 14:00–15:00 on Wed 10 Jun");
    expect(shown(now)).toContain("Wed 10 Jun 12:00 (3 h)");
    expect((now.blocks ?? []).some((b) => (b as { type: string }).type === "image")).toBe(true);
  });

  it("a snooze covering the whole incident holds back the firing and the resolution", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [down("10:00", "12:00")] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    await snoozeAlertRule(h.database.db, TEAM, rule.id, at("2026-06-10T16:00:00Z"), h.clock.now());
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T14:20:00Z", 5);

    expect(h.alerts()).toHaveLength(0);
    // The state machine kept running underneath: the incident opened and closed.
    const [state] = await listAlertStates(h.database.db, TEAM, rule.id);
    expect(state?.status).toBe("resolved");
    expect(state?.lastFiringAt).toBeNull();
  });

  it("an incident still open when its snooze ends is announced then, with its real start", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [down("10:00", "13:00")] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    // Snoozed until 14:00 local: the 12:00 bucket (ends 13:00) is held back, the 13:00 one (ends 14:00) is not.
    await snoozeAlertRule(h.database.db, TEAM, rule.id, at("2026-06-10T12:00:00Z"), h.clock.now());
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T12:14:00Z", 1);
    expect(h.alerts()).toHaveLength(0);
    await h.tickAt("2026-06-10T12:15:00Z");

    const [fired] = h.alerts();
    if (fired === undefined) throw new Error("no alert message after the snooze");
    expect(shown(fired)).toContain("0 in 13:00–14:00 on Wed 10 Jun");
    expect(shown(fired)).toContain("Wed 10 Jun 12:00 (2 h)");
    expect(runKeyIn(fired)).toBe(`alert:${rule.id}::${at("2026-06-10T10:00:00Z")}`);
  });

  it("a muted rule sends nothing, and announces an open incident once unmuted", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z", { incidents: [down("10:00", "13:00")] });
    const rule = await h.alert("below 5 per 1h hours=11:00-20:00");
    await muteAlertRule(h.database.db, TEAM, rule.id, true, h.clock.now());
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T12:20:00Z", 5);
    expect(h.alerts()).toHaveLength(0);
    await muteAlertRule(h.database.db, TEAM, rule.id, false, h.clock.now());
    await h.tickThrough("2026-06-10T12:25:00Z", "2026-06-10T13:20:00Z", 5);
    expect(h.alerts()).toHaveLength(1);
  });

  it("with by=member_gender each label keeps its own state and its own incident message", async () => {
    h = await startAlertHarness("2026-06-10T09:50:00Z");
    // A weekday hour has ~100 usages: women and men stay above 20, the small "other" group does not.
    const rule = await h.alert("below 20 per 1h hours=11:00-20:00 by=member_gender");
    await h.tickThrough("2026-06-10T09:50:00Z", "2026-06-10T11:20:00Z", 5);

    const states = await listAlertStates(h.database.db, TEAM, rule.id);
    const byLabel = Object.fromEntries(states.map((s) => [s.labelKey, s.status]));
    expect(byLabel).toMatchObject({ female: "ok", male: "ok", other: "firing" });
    const keys = h.alerts().map((m) => runKeyIn(m)?.split(":")[2]);
    expect(keys).toContain("other");
    expect(keys).not.toContain("female");
    expect(keys).not.toContain("male");
    const other = h.alerts().find((m) => runKeyIn(m)?.split(":")[2] === "other");
    expect(shown(other ?? { text: "" })).toContain("member gender: other");
  });
});
