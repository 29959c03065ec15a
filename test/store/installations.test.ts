/**
 * Installations and Placewise connections on both databases: stored sealed (no token in any row as
 * the database returns it), opened again, refused when moved to another row, re-encrypted when the
 * key rotates, and an uninstall empties the tokens at once.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { rotateKeys } from "../../src/start/oauth.ts";
import {
  installKeyForTeam,
  Keyring,
  linkTeam,
  loadInstallation,
  markUninstalled,
  saveInstallation,
} from "../../src/store/installations.ts";
import { loadConnection, saveConnection } from "../../src/store/placewise-connections.ts";
import { NOW, newTeam, targets, useStore } from "./databases.ts";

const key = () => randomBytes(32);

function installation(teamId: string, token: string) {
  return {
    key: `T:${teamId}`,
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    botUserId: "U0BOT",
    json: JSON.stringify({ team: { id: teamId }, bot: { token, userId: "U0BOT" } }),
  };
}

describe.each(targets)("installations on $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    const db = () => store.database.db;

    it("stores tokens sealed: no row of either table, read as text, holds a token", async () => {
      const ring = new Keyring(key());
      const team = newTeam();
      const bot = `xoxb-${randomBytes(10).toString("hex")}`;
      const placewise = `pw-${randomBytes(10).toString("hex")}`;
      await saveInstallation(db(), ring, installation(team, bot), NOW);
      await saveConnection(db(), ring, {
        teamId: team,
        customer: "id=1000941",
        tokenKind: "client",
        token: placewise,
        timezone: "Europe/Oslo",
        connectedBy: "U1",
        connectedAt: NOW,
      });
      const dump = JSON.stringify([
        (await sql`select * from slack_installations`.execute(db())).rows,
        (await sql`select * from placewise_connections`.execute(db())).rows,
      ]);
      expect(dump).toContain(team);
      expect(dump).not.toContain(bot);
      expect(dump).not.toContain(placewise);
      expect(JSON.parse((await loadInstallation(db(), ring, `T:${team}`)) ?? "{}").bot.token).toBe(bot);
      expect((await loadConnection(db(), ring, team))?.token).toBe(placewise);
    });

    it("a sealed token copied into another team's row does not open", async () => {
      const ring = new Keyring(key());
      const [mine, theirs] = [newTeam(), newTeam()];
      await saveInstallation(db(), ring, installation(mine, "xoxb-mine"), NOW);
      await saveInstallation(db(), ring, installation(theirs, "xoxb-theirs"), NOW);
      const sealed = (
        await db()
          .selectFrom("slack_installations")
          .select("sealed")
          .where("install_key", "=", `T:${mine}`)
          .executeTakeFirst()
      )?.sealed as string;
      await db()
        .updateTable("slack_installations")
        .set({ sealed })
        .where("install_key", "=", `T:${theirs}`)
        .execute();
      await expect(loadInstallation(db(), ring, `T:${theirs}`)).rejects.toThrow(/moved from another row/);
    });

    it("key rotation: values sealed with the old key are re-encrypted and open with the new key alone", async () => {
      const [oldKey, newKey] = [key(), key()];
      const team = newTeam();
      // Rows of the other tests were sealed with keys this deployment never had (rotation would refuse them).
      await db().deleteFrom("slack_installations").execute();
      await db().deleteFrom("placewise_connections").execute();
      await saveInstallation(db(), new Keyring(oldKey), installation(team, "xoxb-rotate"), NOW);
      await saveConnection(db(), new Keyring(oldKey), {
        teamId: team,
        customer: "id=1000942",
        tokenKind: "user",
        token: "pw-rotate",
        timezone: null,
        connectedBy: "U1",
        connectedAt: NOW,
      });
      // The new key alone cannot open them, and says which key it needs.
      await expect(loadInstallation(db(), new Keyring(newKey), `T:${team}`)).rejects.toThrow(
        /ENCRYPTION_KEY_OLD/,
      );
      const both = new Keyring(newKey, oldKey);
      const n = await rotateKeys(db(), both);
      expect(n).toEqual({ installations: 1, connections: 1 });
      // Nothing left under the old key, so a second pass changes nothing.
      expect(await rotateKeys(db(), both)).toEqual({ installations: 0, connections: 0 });
      const alone = new Keyring(newKey);
      expect(JSON.parse((await loadInstallation(db(), alone, `T:${team}`)) ?? "{}").bot.token).toBe(
        "xoxb-rotate",
      );
      expect((await loadConnection(db(), alone, team))?.token).toBe("pw-rotate");
      await expect(loadInstallation(db(), new Keyring(oldKey), `T:${team}`)).rejects.toThrow(
        /neither ENCRYPTION_KEY/,
      );
    });

    it("an uninstall deletes the tokens at once; an org-wide install serves its linked workspaces", async () => {
      const ring = new Keyring(key());
      const team = newTeam();
      await saveInstallation(db(), ring, installation(team, "xoxb-gone"), NOW);
      expect(await markUninstalled(db(), `T:${team}`, NOW + 1)).toBe(true);
      expect(await loadInstallation(db(), ring, `T:${team}`)).toBeNull();
      expect(await installKeyForTeam(db(), team)).toBeNull();
      const org = `E${newTeam()}`;
      await saveInstallation(
        db(),
        ring,
        {
          ...installation(team, "xoxb-org"),
          key: `E:${org}`,
          teamId: null,
          enterpriseId: org,
          isEnterpriseInstall: true,
        },
        NOW,
      );
      await linkTeam(db(), team, `E:${org}`);
      expect(await installKeyForTeam(db(), team)).toBe(`E:${org}`);
    });
  });
});
