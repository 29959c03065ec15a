import { describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.ts";
import {
  type ClaimRequest,
  claimRun,
  completeRun,
  expiredRuns,
  extendLease,
  failRun,
  getRun,
  listRuns,
  recordSkipped,
  releaseRun,
} from "../../src/store/runs.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";
import { subscription } from "./fixtures.ts";

const MINUTE = 60_000;
const LEASE = 5 * MINUTE;

describe.each(targets)("delivery runs on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    async function setup(): Promise<{ team: string; claim: (over?: Partial<ClaimRequest>) => ClaimRequest }> {
      const team = newTeam();
      const s = await subscription(db(), team);
      const claim = (over: Partial<ClaimRequest> = {}): ClaimRequest => ({
        teamId: team,
        subscriptionId: s.id,
        scheduledAt: NOW,
        owner: "worker-a",
        leaseMs: LEASE,
        now: NOW,
        late: false,
        ...over,
      });
      return { team, claim };
    }

    it("does not deliver twice when many workers on separate connections claim the same minute", async () => {
      const { claim } = await setup();
      const connections: Db[] = [
        db(),
        ...(await Promise.all([1, 2, 3].map(async () => (await store.another()).db))),
      ];
      // 24 claimers over 4 connections/pools, all started before any finishes.
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          claimRun(connections[i % connections.length] as Db, claim({ owner: `worker-${i}` })),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ state: "claimed", attempts: 1, leaseUntil: NOW + LEASE });
    });

    it("a second claim inside the lease loses, and after the lease expires it takes over with attempts + 1", async () => {
      const { team, claim } = await setup();
      const first = await claimRun(db(), claim({ owner: "worker-a" }));
      expect(first?.leaseOwner).toBe("worker-a");
      expect(await claimRun(db(), claim({ owner: "worker-b", now: NOW + LEASE - 1 }))).toBeNull();
      // Exactly at lease_until the lease still holds: takeover needs lease_until < now.
      expect(await claimRun(db(), claim({ owner: "worker-b", now: NOW + LEASE }))).toBeNull();
      const taken = await claimRun(db(), claim({ owner: "worker-b", now: NOW + LEASE + 1, late: true }));
      expect(taken).toMatchObject({ id: first?.id, attempts: 2, leaseOwner: "worker-b", late: true });
      expect(taken?.leaseUntil).toBe(NOW + 2 * LEASE + 1);
      // The crashed owner can no longer complete or extend.
      const id = first?.id as number;
      expect(await extendLease(db(), team, id, { owner: "worker-a", leaseUntil: NOW + 10 * LEASE })).toBe(
        false,
      );
      expect(
        await completeRun(db(), team, id, {
          owner: "worker-a",
          now: NOW,
          slackChannel: "C",
          slackTs: "1.1",
          fileId: null,
        }),
      ).toBe(false);
    });

    it("a delivered run is never claimed again, however old its lease", async () => {
      const { team, claim } = await setup();
      const run = await claimRun(db(), claim());
      const done = {
        owner: "worker-a",
        now: NOW + 1000,
        slackChannel: "C-general",
        slackTs: "1724752800.000100",
        fileId: "F1",
      };
      expect(await completeRun(db(), team, run?.id as number, done)).toBe(true);
      expect(await claimRun(db(), claim({ owner: "worker-b", now: NOW + 100 * LEASE }))).toBeNull();
      expect(await getRun(db(), team, run?.id as number)).toMatchObject({
        state: "delivered",
        attempts: 1,
        slackChannel: "C-general",
        slackTs: "1724752800.000100",
        slackFileId: "F1",
        finishedAt: NOW + 1000,
      });
    });

    it("a final failure is never retried; a transient one is claimable again after its retry time", async () => {
      const { team, claim } = await setup();
      const finalRun = await claimRun(db(), claim({ scheduledAt: NOW }));
      await failRun(db(), team, finalRun?.id as number, {
        owner: "worker-a",
        error: "channel_not_found",
        final: true,
        now: NOW,
      });
      expect(await claimRun(db(), claim({ scheduledAt: NOW, now: NOW + 100 * LEASE }))).toBeNull();
      expect(await getRun(db(), team, finalRun?.id as number)).toMatchObject({
        state: "failed",
        error: "channel_not_found",
      });

      const retry = await claimRun(db(), claim({ scheduledAt: NOW + MINUTE }));
      const retryAt = NOW + 30_000;
      await failRun(db(), team, retry?.id as number, {
        owner: "worker-a",
        error: "timeout",
        final: false,
        now: NOW,
        retryAt,
      });
      expect(
        await claimRun(db(), claim({ scheduledAt: NOW + MINUTE, owner: "worker-b", now: retryAt - 1 })),
      ).toBeNull();
      const again = await claimRun(
        db(),
        claim({ scheduledAt: NOW + MINUTE, owner: "worker-b", now: retryAt + 1 }),
      );
      expect(again).toMatchObject({ attempts: 2, leaseOwner: "worker-b", error: "timeout" });
    });

    it("a run handed back on shutdown is taken by the next worker at once", async () => {
      const { team, claim } = await setup();
      const run = await claimRun(db(), claim());
      expect(await releaseRun(db(), team, run?.id as number, "worker-b")).toBe(false);
      expect(await releaseRun(db(), team, run?.id as number, "worker-a")).toBe(true);
      expect(await claimRun(db(), claim({ owner: "worker-b", now: NOW + 1 }))).toMatchObject({ attempts: 2 });
    });

    it("a heartbeat keeps the run from being taken over", async () => {
      const { team, claim } = await setup();
      const run = await claimRun(db(), claim());
      expect(
        await extendLease(db(), team, run?.id as number, { owner: "worker-a", leaseUntil: NOW + 3 * LEASE }),
      ).toBe(true);
      expect(await claimRun(db(), claim({ owner: "worker-b", now: NOW + 2 * LEASE }))).toBeNull();
    });

    it("a skipped run is recorded once and never claimed", async () => {
      const { team, claim } = await setup();
      const skip = {
        teamId: team,
        subscriptionId: claim().subscriptionId,
        scheduledAt: NOW,
        reason: "missed by 7h",
        now: NOW,
      };
      expect(await recordSkipped(db(), skip)).toBe(true);
      expect(await recordSkipped(db(), skip)).toBe(false);
      expect(await claimRun(db(), claim({ now: NOW + 100 * LEASE }))).toBeNull();
      const runs = await listRuns(db(), team, skip.subscriptionId);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ state: "skipped", error: "missed by 7h", attempts: 0 });
    });

    it("another team cannot claim, take over, read or finish a run of this team's subscription", async () => {
      const { team, claim } = await setup();
      const other = newTeam();
      await expect(
        claimRun(db(), claim({ teamId: other, scheduledAt: NOW + 7 * MINUTE })),
      ).rejects.toMatchObject({
        code: "not_found",
      });
      const run = await claimRun(db(), claim());
      // Expired lease, existing row: the conflict path must not hand it to the other team either.
      expect(await claimRun(db(), claim({ teamId: other, now: NOW + 100 * LEASE }))).toBeNull();
      const id = run?.id as number;
      expect(await getRun(db(), other, id)).toBeNull();
      expect(await listRuns(db(), other, claim().subscriptionId)).toEqual([]);
      expect(
        await completeRun(db(), other, id, {
          owner: "worker-a",
          now: NOW,
          slackChannel: "C",
          slackTs: "1",
          fileId: null,
        }),
      ).toBe(false);
      expect(await getRun(db(), team, id)).toMatchObject({ state: "claimed", teamId: team, attempts: 1 });
    });

    it("refuses a fractional scheduled time or lease the same way on both databases", async () => {
      const { claim } = await setup();
      await expect(claimRun(db(), claim({ scheduledAt: NOW + 0.5 }))).rejects.toMatchObject({
        code: "invalid_input",
      });
      await expect(claimRun(db(), claim({ leaseMs: 0.25 }))).rejects.toMatchObject({ code: "invalid_input" });
      await expect(claimRun(db(), claim({ subscriptionId: 2 ** 40 }))).rejects.toMatchObject({
        code: "invalid_input",
      });
      expect(await claimRun(db(), claim())).toMatchObject({ attempts: 1 });
    });

    it("lists a subscription's runs newest first and shows expired claims to the worker", async () => {
      const { team, claim } = await setup();
      for (const m of [0, 1, 2]) await claimRun(db(), claim({ scheduledAt: NOW + m * MINUTE }));
      const runs = await listRuns(db(), team, claim().subscriptionId);
      expect(runs.map((r) => r.scheduledAt)).toEqual([NOW + 2 * MINUTE, NOW + MINUTE, NOW]);
      const expired = await expiredRuns(db(), NOW + LEASE + 1, 1000);
      expect(expired.filter((r) => r.teamId === team)).toHaveLength(3);
      expect((await expiredRuns(db(), NOW + LEASE, 1000)).filter((r) => r.teamId === team)).toHaveLength(0);
    });
  });
});
