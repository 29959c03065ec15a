import { describe, expect, it } from "vitest";
import {
  claimEvaluation,
  completeEvaluation,
  failEvaluation,
  getEvaluation,
  pruneEvaluations,
} from "../../src/store/evaluations.ts";
import { claimRun, completeRun, failRun, getRun, pruneRuns, recordSkipped } from "../../src/store/runs.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { alertRule, subscription } from "./fixtures.ts";

const DAY = 86_400_000;
const OLD = NOW - 100 * DAY;
const RECENT = NOW - 10 * DAY;
const CUTOFF = NOW - 90 * DAY;

describe.each(targets)("pruning history on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("deletes finished runs older than the cutoff and keeps recent and still-claimed ones", async () => {
      const team = newTeam();
      const s = await subscription(db(), team);
      const claim = (at: number, owner = "w") =>
        claimRun(db(), {
          teamId: team,
          subscriptionId: s.id,
          scheduledAt: at,
          owner,
          leaseMs: 60_000,
          now: at,
          late: false,
        });
      const oldDone = await claim(OLD);
      const oldFailed = await claim(OLD + 60_000);
      const oldPending = await claim(OLD + 120_000);
      const recentDone = await claim(RECENT);
      if (!oldDone || !oldFailed || !oldPending || !recentDone) throw new Error("claims should win");
      await completeRun(db(), team, oldDone.id, {
        owner: "w",
        now: OLD + 5,
        slackChannel: "C",
        slackTs: "1.1",
        fileId: null,
      });
      await failRun(db(), team, oldFailed.id, { owner: "w", error: "gone", final: true, now: OLD + 5 });
      await completeRun(db(), team, recentDone.id, {
        owner: "w",
        now: RECENT + 5,
        slackChannel: "C",
        slackTs: "2.2",
        fileId: null,
      });
      await recordSkipped(db(), {
        teamId: team,
        subscriptionId: s.id,
        scheduledAt: OLD + 180_000,
        reason: "missed",
        now: OLD + 5,
      });

      expect(await pruneRuns(db(), CUTOFF)).toBe(3);
      expect(await getRun(db(), team, oldDone.id)).toBeNull();
      expect(await getRun(db(), team, oldFailed.id)).toBeNull();
      expect(await getRun(db(), team, oldPending.id)).toMatchObject({ state: "claimed" });
      expect(await getRun(db(), team, recentDone.id)).toMatchObject({ state: "delivered" });
      // Nothing left to prune: a second worker pruning the same hour deletes nothing.
      expect(await pruneRuns(db(), CUTOFF)).toBe(0);
    });

    it("deletes finished evaluations older than the cutoff and keeps recent and still-claimed ones", async () => {
      const team = newTeam();
      const r = await alertRule(db(), team);
      const key = (bucketStart: number) => ({ teamId: team, ruleId: r.id, bucketStart, owner: "w" });
      const claim = (at: number) => claimEvaluation(db(), { ...key(at), leaseMs: 60_000, now: at });
      await claim(OLD);
      await completeEvaluation(db(), key(OLD), { result: { labels: [] }, now: OLD + 5 });
      await claim(OLD + 3_600_000);
      await failEvaluation(db(), key(OLD + 3_600_000), { error: "x", final: true, now: OLD + 5 });
      await claim(OLD + 7_200_000);
      await claim(RECENT);
      await completeEvaluation(db(), key(RECENT), { result: { labels: [] }, now: RECENT + 5 });

      expect(await pruneEvaluations(db(), CUTOFF)).toBe(2);
      expect(await getEvaluation(db(), team, r.id, OLD)).toBeNull();
      expect(await getEvaluation(db(), team, r.id, OLD + 3_600_000)).toBeNull();
      expect(await getEvaluation(db(), team, r.id, OLD + 7_200_000)).toMatchObject({ state: "claimed" });
      expect(await getEvaluation(db(), team, r.id, RECENT)).toMatchObject({ state: "done" });
    });

    it("refuses a cutoff that is not a time, deleting nothing", async () => {
      await expect(pruneRuns(db(), Number.NaN)).rejects.toThrow(/before NaN is not a time/);
      await expect(pruneEvaluations(db(), -1)).rejects.toThrow(/before -1 is not a time/);
    });
  });
});
