import { describe, expect, it } from "vitest";
import { setTeamLanguage, teamLanguage } from "../../src/store/team-settings.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";

describe.each(targets)("team settings on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("a workspace has no language until it chooses one, then keeps the last choice", async () => {
      const team = newTeam();
      expect(await teamLanguage(db(), team)).toBeNull();
      await setTeamLanguage(db(), team, "nb", NOW);
      expect(await teamLanguage(db(), team)).toBe("nb");
      await setTeamLanguage(db(), team, "fi", NOW + 1);
      expect(await teamLanguage(db(), team)).toBe("fi");
      await setTeamLanguage(db(), team, null, NOW + 2);
      expect(await teamLanguage(db(), team)).toBeNull();
    });

    it("one workspace's choice is not another's", async () => {
      const [a, b] = [newTeam(), newTeam()];
      await setTeamLanguage(db(), a, "da", NOW);
      expect(await teamLanguage(db(), b)).toBeNull();
    });

    it("two presses at once on separate connections leave one of the two choices", async () => {
      const team = newTeam();
      const other = (await store.another()).db;
      await Promise.all([setTeamLanguage(db(), team, "sv", NOW), setTeamLanguage(other, team, "da", NOW)]);
      expect(["sv", "da"]).toContain(await teamLanguage(db(), team));
    });
  });
});
