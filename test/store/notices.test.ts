import { describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.ts";
import { hasNotice, noticeOnce } from "../../src/store/notices.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";

describe.each(targets)("notices on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("tells the creator once: only the first call with a key says it is new", async () => {
      const team = newTeam();
      expect(await hasNotice(db(), team, "sub-12-paused")).toBe(false);
      expect(await noticeOnce(db(), team, "sub-12-paused", NOW)).toBe(true);
      expect(await noticeOnce(db(), team, "sub-12-paused", NOW + 1)).toBe(false);
      expect(await hasNotice(db(), team, "sub-12-paused")).toBe(true);
    });

    it("the same key in another team is a separate notice", async () => {
      const [a, b] = [newTeam(), newTeam()];
      expect(await noticeOnce(db(), a, "welcome", NOW)).toBe(true);
      expect(await hasNotice(db(), b, "welcome")).toBe(false);
      expect(await noticeOnce(db(), b, "welcome", NOW)).toBe(true);
    });

    it("only one of many simultaneous callers on separate connections gets to tell", async () => {
      const team = newTeam();
      const connections: Db[] = [db(), (await store.another()).db];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          noticeOnce(connections[i % 2] as Db, team, "sub-7-failing", NOW),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
});
