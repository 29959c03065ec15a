/**
 * Slack installations ("Add to Slack"), keyed as Bolt keys them: `T:<team>` for a workspace,
 * `E:<enterprise>` for an org-wide install, whose workspaces are linked to it as they are seen.
 * The installation (tokens inside) is stored sealed with ENCRYPTION_KEY; the associated data is the
 * row's key, so a sealed value moved to another row does not open. Uninstalling empties the sealed
 * column at once and keeps the row's times, which is what the 30-day purge counts from.
 */
import type { Kysely } from "kysely";
import { Keyring } from "../util/seal.ts";
import { checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

export interface InstallationRow {
  readonly key: string;
  readonly teamId: string | null;
  readonly enterpriseId: string | null;
  readonly isEnterpriseInstall: boolean;
  readonly botUserId: string | null;
}

export function installKey(q: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string {
  if (q.isEnterpriseInstall === true && q.enterpriseId !== undefined) return `E:${q.enterpriseId}`;
  if (q.teamId === undefined) throw new Error("an installation without a team id must be org-wide");
  return `T:${q.teamId}`;
}

const context = (key: string) => `slack_installations:${key}`;

/** Stores (or replaces, on a reinstall) one installation; `json` is Bolt's Installation, tokens and all. */
export async function saveInstallation(
  db: Kysely<Schema>,
  keyring: Keyring,
  row: InstallationRow & { json: string },
  now: number,
): Promise<void> {
  const sealed = keyring.seal(row.json, context(row.key));
  const values = {
    team_id: row.teamId,
    enterprise_id: row.enterpriseId,
    is_enterprise_install: row.isEnterpriseInstall ? 1 : 0,
    bot_user_id: row.botUserId,
    sealed,
    updated_at: now,
    uninstalled_at: null,
  };
  await db
    .insertInto("slack_installations")
    .values({ install_key: row.key, installed_at: now, ...values })
    .onConflict((oc) => oc.column("install_key").doUpdateSet({ ...values, installed_at: now }))
    .execute();
}

/** Bolt's Installation JSON of a live installation, or null (never installed, or uninstalled). */
export async function loadInstallation(
  db: Kysely<Schema>,
  keyring: Keyring,
  key: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("slack_installations")
    .select(["sealed"])
    .where("install_key", "=", key)
    .executeTakeFirst();
  return row?.sealed == null ? null : keyring.open(row.sealed, context(key));
}

/** The installation serving a workspace: its own, else the org-wide one it was linked to. */
export async function installKeyForTeam(db: Kysely<Schema>, teamId: string): Promise<string | null> {
  checkTeam(teamId);
  const own = await db
    .selectFrom("slack_installations")
    .select("install_key")
    .where("install_key", "=", `T:${teamId}`)
    .where("sealed", "is not", null)
    .executeTakeFirst();
  if (own !== undefined) return own.install_key;
  const link = await db
    .selectFrom("slack_team_links")
    .select("install_key")
    .where("team_id", "=", teamId)
    .executeTakeFirst();
  return link?.install_key ?? null;
}

/** A workspace seen under an org-wide installation: the worker finds its token by team id later. */
export async function linkTeam(db: Kysely<Schema>, teamId: string, key: string): Promise<void> {
  await db
    .insertInto("slack_team_links")
    .values({ team_id: checkTeam(teamId), install_key: key })
    .onConflict((oc) => oc.column("team_id").doUpdateSet({ install_key: key }))
    .execute();
}

/** The workspaces an installation serves: its own team, or every workspace linked to an org-wide one. */
export async function teamsOfInstallation(db: Kysely<Schema>, key: string): Promise<string[]> {
  if (key.startsWith("T:")) return [key.slice(2)];
  const rows = await db
    .selectFrom("slack_team_links")
    .select("team_id")
    .where("install_key", "=", key)
    .execute();
  return rows.map((r) => r.team_id);
}

/** app_uninstalled / tokens_revoked: the tokens are gone at once; the row stays to date the purge. */
export async function markUninstalled(db: Kysely<Schema>, key: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable("slack_installations")
    .set({ sealed: null, uninstalled_at: now, updated_at: now })
    .where("install_key", "=", key)
    .where("sealed", "is not", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Installations that ended before `before` and never came back. */
export async function installationsUninstalledBefore(db: Kysely<Schema>, before: number): Promise<string[]> {
  const rows = await db
    .selectFrom("slack_installations")
    .select(["install_key"])
    .where("sealed", "is", null)
    .where("uninstalled_at", "<", before)
    .execute();
  return rows.map((r) => r.install_key);
}

/** Forgets an uninstalled installation after the purge. */
export async function forgetInstallation(db: Kysely<Schema>, key: string): Promise<void> {
  await db.deleteFrom("slack_team_links").where("install_key", "=", key).execute();
  await db
    .deleteFrom("slack_installations")
    .where("install_key", "=", key)
    .where("sealed", "is", null)
    .execute();
}

/**
 * Key rotation: every sealed value not under the current key is opened (with ENCRYPTION_KEY_OLD) and
 * sealed again with ENCRYPTION_KEY. Returns how many values were re-encrypted; run at start-up.
 */
export async function resealInstallations(db: Kysely<Schema>, keyring: Keyring): Promise<number> {
  const rows = await db
    .selectFrom("slack_installations")
    .select(["install_key", "sealed"])
    .where("sealed", "is not", null)
    .execute();
  let n = 0;
  for (const r of rows) {
    const sealed = r.sealed as string;
    if (keyring.isCurrent(sealed)) continue;
    const fresh = keyring.seal(keyring.open(sealed, context(r.install_key)), context(r.install_key));
    // Only if nobody changed it meanwhile (a reinstall in another process is newer and already current).
    await db
      .updateTable("slack_installations")
      .set({ sealed: fresh })
      .where("install_key", "=", r.install_key)
      .where("sealed", "=", sealed)
      .execute();
    n++;
  }
  return n;
}

export { Keyring };
