import { describe, expect, it } from "vitest";
import type { Rate } from "../../src/delivery/rate-gate.ts";
import { DatabaseRateGate } from "../../src/delivery/rate-gate-db.ts";
import type { Db } from "../../src/store/db.ts";
import { pruneRateGates } from "../../src/store/rate-gates.ts";
import { NOW, targets, useStore } from "./databases.ts";

const ONE_A_SECOND: Rate = { intervalMs: 1000, burst: 1 };
let n = 0;
/** A gate key no other test in this file uses. */
function newKey(): string {
  n += 1;
  return `chat.postMessage:C${n}`;
}

describe.each(targets)("rate gates on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("hands out one slot per interval: now, then 1 s later, then 2 s later", async () => {
      const gate = new DatabaseRateGate(db());
      const key = newKey();
      expect(await gate.reserve(key, ONE_A_SECOND, NOW)).toBe(0);
      expect(await gate.reserve(key, ONE_A_SECOND, NOW)).toBe(1000);
      expect(await gate.reserve(key, ONE_A_SECOND, NOW + 500)).toBe(1500);
      // After a quiet spell the key is free again at once; another key never waited.
      expect(await gate.reserve(key, ONE_A_SECOND, NOW + 10_000)).toBe(0);
      expect(await gate.reserve(newKey(), ONE_A_SECOND, NOW)).toBe(0);
    });

    it("lets a burst through at once, then spaces the rest", async () => {
      const gate = new DatabaseRateGate(db());
      const key = newKey();
      const rate: Rate = { intervalMs: 600, burst: 3 };
      const waits = [];
      for (let i = 0; i < 5; i++) waits.push(await gate.reserve(key, rate, NOW));
      expect(waits).toEqual([0, 0, 0, 600, 1200]);
    });

    it("gives 40 concurrent reservations over 4 connections 40 different slots, one a second", async () => {
      const key = newKey();
      const connections: Db[] = [
        db(),
        ...(await Promise.all([1, 2, 3].map(async () => (await store.another()).db))),
      ];
      const waits = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          new DatabaseRateGate(connections[i % 4] as Db).reserve(key, ONE_A_SECOND, NOW),
        ),
      );
      expect([...waits].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i * 1000));
    });

    it("holds a key until Retry-After has passed, never moving it earlier", async () => {
      const gate = new DatabaseRateGate(db());
      const key = newKey();
      expect(await gate.reserve(key, ONE_A_SECOND, NOW)).toBe(0);
      await gate.holdUntil(key, NOW + 30_000, ONE_A_SECOND);
      // A shorter hold afterwards does not shorten the first.
      await gate.holdUntil(key, NOW + 5_000, ONE_A_SECOND);
      expect(await gate.reserve(key, ONE_A_SECOND, NOW + 1_000)).toBe(29_000);
      expect(await gate.reserve(key, ONE_A_SECOND, NOW + 1_000)).toBe(30_000);
      const other = newKey();
      await gate.holdUntil(other, NOW + 5_000, ONE_A_SECOND);
      expect(await gate.reserve(other, ONE_A_SECOND, NOW)).toBe(5_000);
    });

    it("prunes keys that delay nothing any more and keeps the others", async () => {
      const gate = new DatabaseRateGate(db());
      const old = newKey();
      const fresh = newKey();
      await gate.reserve(old, ONE_A_SECOND, NOW - 7_200_000);
      await gate.reserve(fresh, ONE_A_SECOND, NOW);
      expect(await pruneRateGates(db(), NOW - 3_600_000)).toBeGreaterThanOrEqual(1);
      const keys = (await db().selectFrom("rate_gates").select("key").execute()).map((r) => r.key);
      expect(keys).toContain(fresh);
      expect(keys).not.toContain(old);
    });
  });
});
