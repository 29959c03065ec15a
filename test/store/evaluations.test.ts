import { describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.ts";
import {
  claimEvaluation,
  completeEvaluation,
  type EvaluationClaim,
  failEvaluation,
  getEvaluation,
  releaseEvaluation,
} from "../../src/store/evaluations.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { alertRule } from "./fixtures.ts";

const LEASE = 120_000;
const BUCKET = Date.UTC(2025, 7, 27, 9, 0);

describe.each(targets)("alert evaluations on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    async function setup(): Promise<{
      team: string;
      claim: (over?: Partial<EvaluationClaim>) => EvaluationClaim;
    }> {
      const team = newTeam();
      const r = await alertRule(db(), team);
      const claim = (over: Partial<EvaluationClaim> = {}): EvaluationClaim => ({
        teamId: team,
        ruleId: r.id,
        bucketStart: BUCKET,
        owner: "worker-a",
        leaseMs: LEASE,
        now: NOW,
        ...over,
      });
      return { team, claim };
    }

    it("evaluates a bucket once when many workers on separate connections claim it together", async () => {
      const { claim } = await setup();
      const connections: Db[] = [db(), (await store.another()).db, (await store.another()).db];
      const results = await Promise.all(
        Array.from({ length: 18 }, (_, i) =>
          claimEvaluation(connections[i % 3] as Db, claim({ owner: `w${i}` })),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it("stores the result as JSON and never evaluates a done bucket again", async () => {
      const { team, claim } = await setup();
      const ev = await claimEvaluation(db(), claim());
      expect(ev).toMatchObject({ state: "claimed", attempts: 1, leaseUntil: NOW + LEASE });
      const result = { fired: true, value: 2, expected: 11.5, labels: ["", "gender=male"] };
      const key = { teamId: team, ruleId: claim().ruleId, bucketStart: BUCKET, owner: "worker-a" };
      expect(await completeEvaluation(db(), { ...key, owner: "worker-b" }, { result, now: NOW + 5 })).toBe(
        false,
      );
      expect(await completeEvaluation(db(), key, { result, now: NOW + 5 })).toBe(true);
      expect(await claimEvaluation(db(), claim({ owner: "worker-b", now: NOW + 100 * LEASE }))).toBeNull();
      expect(await getEvaluation(db(), team, claim().ruleId, BUCKET)).toMatchObject({
        state: "done",
        result,
        finishedAt: NOW + 5,
      });
    });

    it("takes over an expired claim with attempts + 1, and never retries a final failure", async () => {
      const { team, claim } = await setup();
      await claimEvaluation(db(), claim());
      expect(await claimEvaluation(db(), claim({ owner: "worker-b", now: NOW + LEASE }))).toBeNull();
      const taken = await claimEvaluation(db(), claim({ owner: "worker-b", now: NOW + LEASE + 1 }));
      expect(taken).toMatchObject({ attempts: 2, leaseOwner: "worker-b" });
      const key = { teamId: team, ruleId: claim().ruleId, bucketStart: BUCKET, owner: "worker-b" };
      expect(await failEvaluation(db(), key, { error: "invalid_query", final: true, now: NOW })).toBe(true);
      expect(await claimEvaluation(db(), claim({ owner: "worker-c", now: NOW + 100 * LEASE }))).toBeNull();
    });

    it("a transient failure or a shutdown hands the bucket to the next worker", async () => {
      const { team, claim } = await setup();
      await claimEvaluation(db(), claim());
      const key = { teamId: team, ruleId: claim().ruleId, bucketStart: BUCKET, owner: "worker-a" };
      expect(
        await failEvaluation(db(), key, { error: "503", final: false, now: NOW, retryAt: NOW + 10_000 }),
      ).toBe(true);
      expect(await claimEvaluation(db(), claim({ owner: "worker-b", now: NOW + 9_999 }))).toBeNull();
      const retried = await claimEvaluation(db(), claim({ owner: "worker-b", now: NOW + 10_001 }));
      expect(retried).toMatchObject({ attempts: 2, error: "503" });
      expect(await releaseEvaluation(db(), { ...key, owner: "worker-b" })).toBe(true);
      expect(await claimEvaluation(db(), claim({ owner: "worker-c", now: NOW + 10_002 }))).toMatchObject({
        attempts: 3,
      });
    });

    it("another team cannot claim or read a rule's evaluations", async () => {
      const { team, claim } = await setup();
      const other = newTeam();
      await expect(
        claimEvaluation(db(), claim({ teamId: other, bucketStart: BUCKET + 1 })),
      ).rejects.toMatchObject({
        code: "not_found",
      });
      await claimEvaluation(db(), claim());
      expect(await claimEvaluation(db(), claim({ teamId: other, now: NOW + 100 * LEASE }))).toBeNull();
      expect(await getEvaluation(db(), other, claim().ruleId, BUCKET)).toBeNull();
      expect(await getEvaluation(db(), team, claim().ruleId, BUCKET)).toMatchObject({
        attempts: 1,
        leaseOwner: "worker-a",
      });
    });
  });
});
