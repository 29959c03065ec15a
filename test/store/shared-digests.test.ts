import { describe, expect, it } from "vitest";
import {
  claimShare,
  finishShare,
  pruneShares,
  readShare,
  releaseShare,
  renewShare,
} from "../../src/store/shared-digests.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";

const LEASE = 20_000;
let n = 0;
function newKey(): string {
  n += 1;
  return `key-${n}-${Math.random().toString(36).slice(2)}`;
}

describe.each(targets)("shared digests on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("lets exactly one of 8 concurrent claimers over two connections produce a key", async () => {
      const other = (await store.another()).db;
      const teamId = newTeam();
      const key = newKey();
      const won = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          claimShare(i % 2 === 0 ? db() : other, { teamId, key, owner: `w${i}`, leaseMs: LEASE, now: NOW }),
        ),
      );
      expect(won.filter((r) => r !== undefined)).toHaveLength(1);
    });

    it("hands the stored report, chart bytes and file id to the others, in its team only", async () => {
      const teamId = newTeam();
      const key = newKey();
      const lease = { teamId, key, owner: "producer" };
      expect(await claimShare(db(), { ...lease, leaseMs: LEASE, now: NOW })).toBeDefined();
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
      expect(
        await finishShare(db(), lease, {
          report: '{"total":42}',
          csv: '{"total":42}',
          png,
          fileId: "F123",
          chartError: null,
          now: NOW + 1,
        }),
      ).toBe(true);
      const row = await readShare(db(), teamId, key);
      expect(row).toMatchObject({
        state: "done",
        report: '{"total":42}',
        csv: '{"total":42}',
        file_id: "F123",
        chart_error: null,
      });
      expect(Buffer.from(row?.png as Buffer).equals(png)).toBe(true);
      // Done is done: nobody claims it again, however late.
      expect(
        await claimShare(db(), { ...lease, owner: "late", leaseMs: LEASE, now: NOW + 3_600_000 }),
      ).toBeUndefined();
      expect(await readShare(db(), newTeam(), key)).toBeUndefined();
    });

    it("lets another take over only after the producer's lease expired, and the old producer then writes nothing", async () => {
      const teamId = newTeam();
      const key = newKey();
      const dead = { teamId, key, owner: "dead" };
      await claimShare(db(), { ...dead, leaseMs: LEASE, now: NOW });
      expect(
        await claimShare(db(), { teamId, key, owner: "next", leaseMs: LEASE, now: NOW + LEASE - 1 }),
      ).toBeUndefined();
      expect(await renewShare(db(), dead, NOW + 2 * LEASE)).toBe(true);
      expect(
        await claimShare(db(), { teamId, key, owner: "next", leaseMs: LEASE, now: NOW + LEASE + 1 }),
      ).toBeUndefined();
      const taken = await claimShare(db(), {
        teamId,
        key,
        owner: "next",
        leaseMs: LEASE,
        now: NOW + 2 * LEASE + 1,
      });
      expect(taken).toMatchObject({ attempts: 2, lease_owner: "next" });
      expect(
        await finishShare(db(), dead, {
          report: "{}",
          csv: "{}",
          png: null,
          fileId: null,
          chartError: null,
          now: NOW,
        }),
      ).toBe(false);
    });

    it("releases a failed producer's claim so the next run claims at once", async () => {
      const teamId = newTeam();
      const key = newKey();
      await claimShare(db(), { teamId, key, owner: "a", leaseMs: LEASE, now: NOW });
      expect(await releaseShare(db(), { teamId, key, owner: "b" })).toBe(false);
      expect(await releaseShare(db(), { teamId, key, owner: "a" })).toBe(true);
      expect(await claimShare(db(), { teamId, key, owner: "b", leaseMs: LEASE, now: NOW + 1 })).toBeDefined();
    });

    it("prunes rows older than the cut, done or abandoned, and keeps newer ones", async () => {
      const teamId = newTeam();
      const [old, abandoned, fresh] = [newKey(), newKey(), newKey()];
      await claimShare(db(), { teamId, key: old, owner: "a", leaseMs: LEASE, now: NOW - 700_000 });
      await finishShare(
        db(),
        { teamId, key: old, owner: "a" },
        { report: "{}", csv: "{}", png: null, fileId: null, chartError: null, now: NOW - 690_000 },
      );
      await claimShare(db(), { teamId, key: abandoned, owner: "a", leaseMs: LEASE, now: NOW - 700_000 });
      await claimShare(db(), { teamId, key: fresh, owner: "a", leaseMs: LEASE, now: NOW });
      expect(await pruneShares(db(), NOW - 600_000)).toBeGreaterThanOrEqual(2);
      expect(await readShare(db(), teamId, old)).toBeUndefined();
      expect(await readShare(db(), teamId, abandoned)).toBeUndefined();
      expect(await readShare(db(), teamId, fresh)).toBeDefined();
    });
  });
});
