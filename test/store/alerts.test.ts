import { describe, expect, it } from "vitest";
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
} from "../../src/store/alerts.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { alertRule } from "./fixtures.ts";

const HOUR = 3_600_000;

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
