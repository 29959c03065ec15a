/**
 * Bolt's InstallationStore over our tables (src/store/installations.ts): Bolt calls it from its
 * installer (`/slack/oauth_redirect`) and from `authorize` on every request, so every request of a
 * workspace runs with that workspace's own bot token. Org-wide installs are keyed by enterprise, as
 * Bolt asks for them (`isEnterpriseInstall`); each workspace seen under one is linked to it, so the
 * worker finds the token by team id alone.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { TeamAccess } from "../../app/teams.ts";
import type { Db } from "../../store/db.ts";
import {
  installKey,
  linkTeam,
  loadInstallation,
  saveInstallation,
  teamsOfInstallation,
} from "../../store/installations.ts";
import type { Clock } from "../../util/clock.ts";
import type { Logger } from "../../util/log.ts";

export class NotInstalledError extends Error {
  override readonly name = "NotInstalledError";
}

export function createInstallationStore(opts: {
  db: Db;
  clock: Clock;
  teams: TeamAccess;
  log: Logger;
}): InstallationStore {
  const { db, teams } = opts;
  return {
    storeInstallation: async (installation) => {
      const inst = installation as Installation;
      const org = inst.isEnterpriseInstall === true;
      const key = installKey({
        teamId: inst.team?.id,
        enterpriseId: inst.enterprise?.id,
        isEnterpriseInstall: org,
      });
      await saveInstallation(
        db,
        teams.keyring,
        {
          key,
          teamId: inst.team?.id ?? null,
          enterpriseId: inst.enterprise?.id ?? null,
          isEnterpriseInstall: org,
          botUserId: inst.bot?.userId ?? null,
          json: JSON.stringify(inst),
        },
        opts.clock.now(),
      );
      await teams.installed(await teamsOfInstallation(db, key));
      // Ids only: the installation object holds tokens (SECURITY.md, "Tokens at rest").
      opts.log.info("installed", { install: key });
    },
    fetchInstallation: async (query: InstallationQuery<boolean>) => {
      const key = installKey(query);
      const json = await loadInstallation(db, teams.keyring, key);
      if (json === null) throw new NotInstalledError(`offer-digest is not installed for ${key}`);
      // A workspace reached through an org-wide install: remember which install serves it.
      if (key.startsWith("E:") && query.teamId !== undefined) await linkTeam(db, query.teamId, key);
      return JSON.parse(json) as Installation;
    },
    deleteInstallation: async (query: InstallationQuery<boolean>) => {
      await teams.uninstall(installKey(query));
    },
  };
}
