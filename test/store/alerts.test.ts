import { describe, expect, it } from "vitest";
import type { Evaluation } from "../../src/alerts/evaluation.ts";
import { step } from "../../src/alerts/lifecycle.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { toLifecycle } from "../../src/pipeline/alert/judge.ts";
import { getAlertState, listAlertStates, upsertAlertState } from "../../src/store/alert-states.ts";
import {
  activeAlertRules,
  deleteAlertRule,
  getAlertRule,
  listAlertRulesByChannel,
  listAlertRulesByCreator,
  muteAlertRule,
  setAlertRuleState,
  setLastEvaluatedBucket,
  snoozeAlertRule,
  updateAlertRule,
} from "../../src/store/alerts.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { alertRule } from "./fixtures.ts";

const HOUR = 3_600_000;

/** A judged active bucket: breaching, or back to normal. */
function verdict(at: number, breach: boolean): Evaluation {
  return {
    at,
    value: breach ? 1 : 20,
    expected: null,
    low: null,
    high: null,
    breach,
    recovered: !breach,
    active: true,
    learning: false,
    reason: breach ? "1 < 5" : "20 ≥ 5",
  };
}

describe.each(targets)("alert rules on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("saves a rule as typed and reads it back active, unmuted, never evaluated", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team, { ruleText: "drop 40% vs last week", query: "by=member_gender" });
      expect(await getAlertRule(db(), team, r.id)).toEqual({
        id: r.id,
        teamId: team,
        channelId: "C-general",
        creatorId: "U-ann",
        ruleText: "drop 40% vs last week",
        query: "by=member_gender",
        timezone: "Europe/Oslo",
        state: "active",
        pausedReason: null,
        snoozedUntil: null,
        muted: false,
        createdAt: NOW,
        updatedAt: NOW,
        lastEvaluatedBucket: null,
      });
    });

    it("snoozes until a time, mutes and unmutes, and pauses with a reason", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      expect(await snoozeAlertRule(db(), team, r.id, NOW + 4 * HOUR, NOW + 1)).toMatchObject({
        snoozedUntil: NOW + 4 * HOUR,
      });
      expect(await snoozeAlertRule(db(), team, r.id, null, NOW + 2)).toMatchObject({ snoozedUntil: null });
      expect(await muteAlertRule(db(), team, r.id, true, NOW + 3)).toMatchObject({
        muted: true,
        updatedAt: NOW + 3,
      });
      expect(await muteAlertRule(db(), team, r.id, false, NOW + 4)).toMatchObject({ muted: false });
      expect(
        await setAlertRuleState(db(), team, r.id, {
          state: "paused",
          reason: "query no longer valid",
          now: NOW,
        }),
      ).toMatchObject({
        state: "paused",
        pausedReason: "query no longer valid",
      });
      expect(await setAlertRuleState(db(), team, r.id, { state: "active", now: NOW })).toMatchObject({
        state: "active",
        pausedReason: null,
      });
    });

    it("lists live rules by channel and creator; a deleted rule stays deleted", async () => {
      const team = newTeam();
      const a = await alertRule(db(), team, { channelId: "C1", creatorId: "U1" });
      const b = await alertRule(db(), team, { channelId: "C1", creatorId: "U2" });
      expect(await deleteAlertRule(db(), team, b.id, NOW)).toBe(true);
      expect(await setAlertRuleState(db(), team, b.id, { state: "active", now: NOW })).toBeNull();
      expect(await muteAlertRule(db(), team, b.id, true, NOW)).toBeNull();
      expect((await listAlertRulesByChannel(db(), team, "C1")).map((r) => r.id)).toEqual([a.id]);
      expect((await listAlertRulesByCreator(db(), team, "U2")).map((r) => r.id)).toEqual([]);
    });

    it("another team cannot read, list, pause, snooze, mute or delete a rule even knowing its id", async () => {
      const owner = newTeam();
      const other = newTeam();
      const r = await alertRule(db(), owner, { channelId: "C-x" });
      expect(await getAlertRule(db(), other, r.id)).toBeNull();
      expect(await listAlertRulesByChannel(db(), other, "C-x")).toEqual([]);
      expect(await listAlertRulesByCreator(db(), other, "U-ann")).toEqual([]);
      expect(await setAlertRuleState(db(), other, r.id, { state: "paused", now: NOW })).toBeNull();
      expect(await snoozeAlertRule(db(), other, r.id, NOW + HOUR, NOW)).toBeNull();
      expect(await muteAlertRule(db(), other, r.id, true, NOW)).toBeNull();
      expect(await deleteAlertRule(db(), other, r.id, NOW)).toBe(false);
      expect(await setLastEvaluatedBucket(db(), other, r.id, NOW)).toBe(false);
      expect(await getAlertRule(db(), owner, r.id)).toEqual(r);
    });

    it("rejects an unknown rule state and leaves the rule as it was", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      await expect(
        setAlertRuleState(db(), team, r.id, { state: "firing" as "active", now: NOW + 1 }),
      ).rejects.toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("active, paused, deleted"),
      });
      expect(await getAlertRule(db(), team, r.id)).toEqual(r);
    });

    it("the last evaluated bucket only moves forward", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      expect(await setLastEvaluatedBucket(db(), team, r.id, NOW)).toBe(true);
      expect(await setLastEvaluatedBucket(db(), team, r.id, NOW + HOUR)).toBe(true);
      expect(await setLastEvaluatedBucket(db(), team, r.id, NOW)).toBe(false);
      expect((await getAlertRule(db(), team, r.id))?.lastEvaluatedBucket).toBe(NOW + HOUR);
    });

    it("an edit changes the rule in place, for its own team only, and keeps pause, snooze and mute", async () => {
      const [team, other] = [newTeam(), newTeam()];
      const r = await alertRule(db(), team, {
        ruleText: "below 5 per 1h for 1",
        query: "offer_type=birthday",
      });
      await muteAlertRule(db(), team, r.id, true, NOW + 1);
      const edit = { ruleText: "above 40 per 5m for 2", query: "club=all", timezone: "Europe/Helsinki" };
      expect(await updateAlertRule(db(), other, r.id, { ...edit, now: NOW + 2 })).toBeNull();
      expect(await getAlertRule(db(), team, r.id)).toMatchObject({ ruleText: "below 5 per 1h for 1" });
      expect(await updateAlertRule(db(), team, r.id, { ...edit, now: NOW + 3 })).toEqual({
        ...r,
        ...edit,
        muted: true,
        updatedAt: NOW + 3,
      });
      await deleteAlertRule(db(), team, r.id, NOW + 4);
      expect(await updateAlertRule(db(), team, r.id, { ...edit, now: NOW + 5 })).toBeNull();
    });

    it("an edited rule starts afresh: the old incident is closed with no resolved message and no reminder", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team, { ruleText: "below 5 per 1h for 1" });
      await setLastEvaluatedBucket(db(), team, r.id, NOW);
      const rule = parseRule("below 5 per 1h for 1 renotify=2h").rule;
      // The old condition's incident: firing, announced in a thread, for two labels.
      for (const labelKey of ["", "gender=female"]) {
        await upsertAlertState(db(), team, {
          ruleId: r.id,
          teamId: team,
          labelKey,
          status: "firing",
          since: NOW,
          breachCount: 3,
          recoverCount: 0,
          incidentStartedAt: NOW - 2 * HOUR,
          messageChannel: "C-general",
          messageTs: "1724752800.000200",
          lastNotifiedAt: NOW,
          lastValue: 1,
          now: NOW,
          announced: true,
          lastFiringAt: NOW,
        });
      }
      const old = toLifecycle(await getAlertState(db(), team, r.id, ""));
      // Unedited, two normal buckets would tell the thread "resolved", and a breach later a reminder.
      const recovered = step(
        step(old, verdict(NOW + HOUR, false), rule, NOW + 2 * HOUR).state,
        verdict(NOW + 2 * HOUR, false),
        rule,
        NOW + 3 * HOUR,
      );
      expect(recovered.notify?.kind).toBe("resolved");
      expect(step(old, verdict(NOW + 3 * HOUR, true), rule, NOW + 4 * HOUR).notify?.kind).toBe("renotify");

      const edited = await updateAlertRule(db(), team, r.id, {
        ruleText: "below 3 per 1h for 1",
        query: "",
        timezone: "Europe/Oslo",
        now: NOW + 10,
      });
      expect(edited).toMatchObject({ ruleText: "below 3 per 1h for 1", lastEvaluatedBucket: null });
      expect(await listAlertStates(db(), team, r.id)).toEqual([]);
      const fresh = toLifecycle(await getAlertState(db(), team, r.id, ""));
      expect(fresh).toMatchObject({ status: "ok", announced: false, incidentStartedAt: null });
      // Normal buckets after the edit say nothing; a breach is a new incident, not a reminder.
      const quiet = step(
        step(fresh, verdict(NOW + HOUR, false), rule, NOW + 2 * HOUR).state,
        verdict(NOW + 2 * HOUR, false),
        rule,
        NOW + 3 * HOUR,
      );
      expect(quiet.notify).toBeNull();
      expect(quiet.state.status).toBe("ok");
      expect(step(fresh, verdict(NOW + 3 * HOUR, true), rule, NOW + 4 * HOUR).notify?.kind).toBe("firing");
    });

    it("the worker sees active rules of every team and no paused ones", async () => {
      const [t1, t2] = [newTeam(), newTeam()];
      const a = await alertRule(db(), t1);
      const b = await alertRule(db(), t2);
      const paused = await alertRule(db(), t2);
      await setAlertRuleState(db(), t2, paused.id, { state: "paused", now: NOW });
      const ids = (await activeAlertRules(db())).map((r) => r.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(ids).not.toContain(paused.id);
    });
  });
});
