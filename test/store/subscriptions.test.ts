import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { StoreError } from "../../src/store/errors.ts";
import type { ItemState } from "../../src/store/schema.ts";
import {
  deleteSubscription,
  dueSubscriptions,
  getSubscription,
  listSubscriptionsByChannel,
  listSubscriptionsByCreator,
  recordSubscriptionFailure,
  recordSubscriptionSkipped,
  recordSubscriptionSuccess,
  setNextRun,
  setSubscriptionState,
  updateSubscription,
} from "../../src/store/subscriptions.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { subscription } from "./fixtures.ts";

const HOUR = 3_600_000;

describe.each(targets)("subscriptions on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("saves a subscription as typed and reads it back active with a positive id", async () => {
      const team = newTeam();
      const s = await subscription(db(), team, { query: "last 7d interval=1d by=member_gender" });
      expect(s.id).toBeGreaterThan(0);
      expect(await getSubscription(db(), team, s.id)).toEqual({
        id: s.id,
        teamId: team,
        channelId: "C-general",
        creatorId: "U-ann",
        query: "last 7d interval=1d by=member_gender",
        scheduleText: "daily 08:00",
        cron: "0 8 * * *",
        timezone: "Europe/Oslo",
        state: "active",
        pausedReason: null,
        createdAt: NOW,
        updatedAt: NOW,
        nextRunAt: NOW + HOUR,
        consecutiveFailures: 0,
        lastRunAt: null,
        lastError: null,
        deliverWhen: null,
        attachCsv: false,
        lastSkippedAt: null,
        lastSkipReason: null,
      });
    });

    it("lists a channel's and a creator's live subscriptions, oldest first, without deleted ones", async () => {
      const team = newTeam();
      const a = await subscription(db(), team, { channelId: "C1", creatorId: "U1" });
      const b = await subscription(db(), team, { channelId: "C1", creatorId: "U2" });
      const c = await subscription(db(), team, { channelId: "C2", creatorId: "U1" });
      await deleteSubscription(db(), team, b.id, NOW);
      expect((await listSubscriptionsByChannel(db(), team, "C1")).map((s) => s.id)).toEqual([a.id]);
      expect((await listSubscriptionsByCreator(db(), team, "U1")).map((s) => s.id)).toEqual([a.id, c.id]);
    });

    it("another team cannot read, list, pause, move or delete a subscription even knowing its id", async () => {
      const owner = newTeam();
      const other = newTeam();
      const s = await subscription(db(), owner, { channelId: "C-shared-name" });
      expect(await getSubscription(db(), other, s.id)).toBeNull();
      expect(await listSubscriptionsByChannel(db(), other, "C-shared-name")).toEqual([]);
      expect(await listSubscriptionsByCreator(db(), other, "U-ann")).toEqual([]);
      expect(await setSubscriptionState(db(), other, s.id, { state: "paused", now: NOW })).toBeNull();
      expect(await setNextRun(db(), other, s.id, { nextRunAt: NOW, now: NOW })).toBe(false);
      expect(
        await recordSubscriptionFailure(db(), other, s.id, { error: "x", ranAt: NOW, now: NOW }),
      ).toBeNull();
      expect(await deleteSubscription(db(), other, s.id, NOW)).toBe(false);
      const unchanged = await getSubscription(db(), owner, s.id);
      expect(unchanged?.state).toBe("active");
      expect(unchanged?.consecutiveFailures).toBe(0);
      expect(unchanged?.nextRunAt).toBe(NOW + HOUR);
    });

    it("pausing keeps the reason and clears the next run; resuming needs a next run and clears failures", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      await recordSubscriptionFailure(db(), team, s.id, { error: "not_in_channel", ranAt: NOW, now: NOW });
      const paused = await setSubscriptionState(db(), team, s.id, {
        state: "paused",
        reason: "bot removed from channel",
        now: NOW + 1,
      });
      expect(paused).toMatchObject({
        state: "paused",
        pausedReason: "bot removed from channel",
        nextRunAt: null,
      });
      await expect(
        setSubscriptionState(db(), team, s.id, { state: "active", now: NOW + 2 }),
      ).rejects.toMatchObject({
        code: "invalid_input",
      });
      const resumed = await setSubscriptionState(db(), team, s.id, {
        state: "active",
        nextRunAt: NOW + HOUR,
        now: NOW + 2,
      });
      expect(resumed).toMatchObject({
        state: "active",
        pausedReason: null,
        nextRunAt: NOW + HOUR,
        consecutiveFailures: 0,
        updatedAt: NOW + 2,
      });
    });

    it("a deleted subscription stays deleted: it cannot be resumed or paused", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      expect(await deleteSubscription(db(), team, s.id, NOW)).toBe(true);
      expect(await deleteSubscription(db(), team, s.id, NOW)).toBe(false);
      expect(
        await setSubscriptionState(db(), team, s.id, { state: "active", nextRunAt: NOW, now: NOW }),
      ).toBeNull();
      expect((await getSubscription(db(), team, s.id))?.state).toBe("deleted");
    });

    it("rejects an unknown state by name and leaves the row as it was", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      const err = await setSubscriptionState(db(), team, s.id, {
        state: "stopped" as ItemState,
        now: NOW + 5,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe("invalid_input");
      expect((err as Error).message).toBe(
        'Unknown subscription state "stopped": must be one of active, paused, deleted.',
      );
      expect(await getSubscription(db(), team, s.id)).toEqual(s);
    });

    it("the database itself refuses a state outside the allowed list, even from raw SQL", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      await expect(
        sql`update subscriptions set state = 'stopped' where id = ${s.id}`.execute(db()),
      ).rejects.toThrow();
      expect((await getSubscription(db(), team, s.id))?.state).toBe("active");
    });

    it("refuses a call without a team id instead of reading every team", async () => {
      await expect(getSubscription(db(), "", 1)).rejects.toMatchObject({ code: "invalid_input" });
      await expect(dueSubscriptions(db(), NOW)).resolves.toBeInstanceOf(Array);
    });

    it("treats ids beyond 32 bits and fractions alike on both databases: not found on read, refused on write", async () => {
      const team = newTeam();
      for (const id of [2 ** 40, 1.5, 0, -3]) {
        expect(await getSubscription(db(), team, id)).toBeNull();
        await expect(
          setSubscriptionState(db(), team, id, { state: "paused", now: NOW }),
        ).rejects.toMatchObject({
          code: "invalid_input",
        });
      }
      await expect(subscription(db(), team, { nextRunAt: NOW + 0.5 })).rejects.toMatchObject({
        code: "invalid_input",
      });
      expect(await listSubscriptionsByCreator(db(), team, "U-ann")).toEqual([]);
    });

    it("moves the next run only if it is still the one the worker saw", async () => {
      const team = newTeam();
      const s = await subscription(db(), team, { nextRunAt: NOW });
      expect(await setNextRun(db(), team, s.id, { nextRunAt: NOW + HOUR, expected: NOW, now: NOW })).toBe(
        true,
      );
      // A second worker that also handled the NOW run must not push the schedule a further step.
      expect(await setNextRun(db(), team, s.id, { nextRunAt: NOW + 2 * HOUR, expected: NOW, now: NOW })).toBe(
        false,
      );
      expect((await getSubscription(db(), team, s.id))?.nextRunAt).toBe(NOW + HOUR);
    });

    it("counts consecutive failures and resets them on success", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      const fail = (n: number) =>
        recordSubscriptionFailure(db(), team, s.id, { error: `timeout ${n}`, ranAt: NOW + n, now: NOW + n });
      expect(await fail(1)).toBe(1);
      expect(await fail(2)).toBe(2);
      expect(await getSubscription(db(), team, s.id)).toMatchObject({
        consecutiveFailures: 2,
        lastError: "timeout 2",
      });
      await recordSubscriptionSuccess(db(), team, s.id, { ranAt: NOW + 3, now: NOW + 3 });
      expect(await getSubscription(db(), team, s.id)).toMatchObject({
        consecutiveFailures: 0,
        lastError: null,
        lastRunAt: NOW + 3,
      });
    });

    it("a skipped run ends a failure streak and is remembered until the next delivery", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      await recordSubscriptionFailure(db(), team, s.id, { error: "timeout", ranAt: NOW, now: NOW });
      await recordSubscriptionSkipped(db(), team, s.id, {
        ranAt: NOW + 1,
        reason: "no usages",
        now: NOW + 1,
      });
      expect(await getSubscription(db(), team, s.id)).toMatchObject({
        consecutiveFailures: 0,
        lastError: null,
        lastSkippedAt: NOW + 1,
        lastSkipReason: "no usages",
      });
      await recordSubscriptionSuccess(db(), team, s.id, { ranAt: NOW + 2, now: NOW + 2 });
      expect(await getSubscription(db(), team, s.id)).toMatchObject({
        lastSkippedAt: null,
        lastSkipReason: null,
      });
    });

    it("an edit replaces schedule, query and options of this team's live subscription only; a paused one stays paused", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      const edit = {
        query: "last 7d interval=1d",
        scheduleText: "weekdays 09:00",
        cron: "0 9 * * 1-5",
        timezone: "Europe/Stockholm",
        deliverWhen: "nonzero",
        attachCsv: true,
        nextRunAt: NOW + 5 * HOUR,
        now: NOW + 1,
      };
      expect(await updateSubscription(db(), newTeam(), s.id, edit)).toBeNull();
      const { now: _now, ...saved } = edit;
      expect(await updateSubscription(db(), team, s.id, edit)).toMatchObject({
        ...saved,
        channelId: s.channelId,
        creatorId: s.creatorId,
        state: "active",
        updatedAt: NOW + 1,
      });
      await setSubscriptionState(db(), team, s.id, { state: "paused", now: NOW + 2 });
      const paused = await updateSubscription(db(), team, s.id, { ...edit, deliverWhen: null, now: NOW + 3 });
      expect(paused).toMatchObject({ state: "paused", nextRunAt: null, deliverWhen: null });
      await deleteSubscription(db(), team, s.id, NOW + 4);
      expect(await updateSubscription(db(), team, s.id, edit)).toBeNull();
    });

    it("the worker sees due active subscriptions of every team, earliest first, and no paused ones", async () => {
      const [t1, t2] = [newTeam(), newTeam()];
      // Far in the future so rows from the other tests in this file are never due at these times.
      const base = NOW + 1000 * HOUR;
      const late = await subscription(db(), t1, { nextRunAt: base + 2 });
      const early = await subscription(db(), t2, { nextRunAt: base + 1 });
      const paused = await subscription(db(), t2, { nextRunAt: base });
      await setSubscriptionState(db(), t2, paused.id, { state: "paused", now: NOW });
      await subscription(db(), t1, { nextRunAt: base + 10 });
      const due = await dueSubscriptions(db(), base + 5);
      expect(due.filter((s) => s.nextRunAt !== null && s.nextRunAt >= base).map((s) => s.id)).toEqual([
        early.id,
        late.id,
      ]);
    });
  });
});
