/**
 * Rotating ENCRYPTION_KEY on a running deployment's database: start with the new key and the old one
 * as ENCRYPTION_KEY_OLD and every stored token is re-encrypted at start-up; from then on the new key
 * alone opens them, and a key that never sealed them stops start-up naming what is missing.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { SIM_TOKENS } from "../../../src/local/placewise-simulator/index.ts";
import { openDatabase } from "../../../src/store/db.ts";
import { Keyring, loadInstallation } from "../../../src/store/installations.ts";
import { loadConnection } from "../../../src/store/placewise-connections.ts";
import { KEY, startOAuthApp, TEAMS } from "./harness.ts";

describe("key rotation across restarts", () => {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-rotate-"));
  const databaseUrl = `file:${join(dir, "rotate.sqlite")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the old key's values are re-encrypted at start-up and then open with the new key alone", async () => {
    const first = await startOAuthApp({ role: "web", databaseUrl });
    expect((await first.install("a")).status).toBe(200);
    expect((await first.connect("a", "1000941", SIM_TOKENS.client)).status).toBe(200);
    const token = first.ws("a").tokens[0];
    await first.close();

    const newKey = randomBytes(32).toString("base64");
    const second = await startOAuthApp({
      role: "web",
      databaseUrl,
      env: { ENCRYPTION_KEY: newKey, ENCRYPTION_KEY_OLD: KEY },
    });
    await second.close();

    const db = await openDatabase(databaseUrl);
    try {
      const alone = new Keyring(Buffer.from(newKey, "base64"));
      const install = JSON.parse((await loadInstallation(db.db, alone, `T:${TEAMS.a.teamId}`)) ?? "{}");
      expect(install.bot.token).toBe(token);
      expect((await loadConnection(db.db, alone, TEAMS.a.teamId))?.token).toBe(SIM_TOKENS.client);
      const rows = await db.db.selectFrom("slack_installations").select("sealed").execute();
      for (const r of rows) expect(Keyring.keyIdOf(r.sealed as string)).toBe(alone.currentId);
    } finally {
      await db.close();
    }

    // The new key alone starts; a key that sealed nothing here stops start-up with the way out.
    const third = await startOAuthApp({ role: "web", databaseUrl, env: { ENCRYPTION_KEY: newKey } });
    await third.close();
    await expect(
      startOAuthApp({
        role: "web",
        databaseUrl,
        env: { ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      }),
    ).rejects.toThrow(/set the key it was sealed with as ENCRYPTION_KEY_OLD/);
  }, 60_000);
});
