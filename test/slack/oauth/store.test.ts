/**
 * Bolt's InstallationStore over our tables, as Bolt calls it: a workspace install keyed by team, an
 * org-wide install keyed by enterprise (Bolt's `isEnterpriseInstall`), each workspace reached through
 * it linked so the worker finds its token by team id; an unknown team is refused.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamAccess, type TeamAccess } from "../../../src/app/teams.ts";
import { MemoryRateGate } from "../../../src/delivery/rate-gate.ts";
import { createInstallationStore } from "../../../src/slack/oauth/store.ts";
import { type Database, migrateToLatest, openDatabase } from "../../../src/store/db.ts";
import { Keyring } from "../../../src/store/installations.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { silentLogger } from "../../../src/util/log.ts";

describe("the installation store Bolt uses", () => {
  const dir = mkdtempSync(join(tmpdir(), "offer-digest-istore-"));
  let database: Database;
  let teams: TeamAccess;
  const clock = new ManualClock(Date.parse("2025-08-27T08:00:00Z"));
  beforeAll(async () => {
    database = await openDatabase(`file:${join(dir, "s.sqlite")}`);
    await migrateToLatest(database.db);
    teams = createTeamAccess({ db: database.db, clock, log: silentLogger } as never, {
      db: database.db,
      clock,
      keyring: new Keyring(randomBytes(32)),
      slackApiUrl: "http://127.0.0.1:9/api/",
      placewiseUrl: "http://127.0.0.1:9",
      defaultTimezone: "Europe/Oslo",
      gate: new MemoryRateGate(),
    });
  });
  afterAll(async () => {
    await teams?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = () => createInstallationStore({ db: database.db, clock, teams, log: silentLogger });

  it("stores an org-wide install under its enterprise and serves every workspace of it", async () => {
    const org = {
      team: undefined,
      enterprise: { id: "E0GRID", name: "Grid" },
      isEnterpriseInstall: true,
      bot: { token: "xoxb-grid-token", userId: "U0BOT", scopes: [], id: "B0" },
      user: { id: "U0ADMIN", token: undefined, scopes: undefined },
      tokenType: "bot",
      authVersion: "v2",
    } as unknown as Installation;
    await store().storeInstallation(org);
    // Bolt asks with the workspace a request came from and the enterprise it belongs to.
    const got = await store().fetchInstallation({
      teamId: "T0WORKSPACE1",
      enterpriseId: "E0GRID",
      isEnterpriseInstall: true,
    });
    expect(got.bot?.token).toBe("xoxb-grid-token");
    // The worker knows only the team id; the link made above finds the org's token.
    const scope = await teams.scope("T0WORKSPACE1");
    expect(scope.installed).toBe(true);
    expect(await teams.slack("T0WORKSPACE2")).toBeNull();
  });

  it("refuses a team it has no installation for, and forgets one that is deleted", async () => {
    await expect(
      store().fetchInstallation({ teamId: "T0NOBODY", enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/not installed for T:T0NOBODY/);
    await store().deleteInstallation?.({
      teamId: "T0WORKSPACE1",
      enterpriseId: "E0GRID",
      isEnterpriseInstall: true,
    });
    expect((await teams.scope("T0WORKSPACE1")).installed).toBe(false);
  });
});
