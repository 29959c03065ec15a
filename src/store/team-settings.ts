/** A workspace's settings (`team_settings`): the language its digests, alerts and replies use. */
import type { Kysely } from "kysely";
import { isLang, type Lang } from "../i18n/index.ts";
import { checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

/** The language the workspace chose on its App Home, or null when it chose none. */
export async function teamLanguage(db: Kysely<Schema>, teamId: string): Promise<Lang | null> {
  const row = await db
    .selectFrom("team_settings")
    .select("language")
    .where("team_id", "=", checkTeam(teamId))
    .executeTakeFirst();
  // A value written by a newer version that this one does not know reads as "not chosen".
  return isLang(row?.language) ? row.language : null;
}

/** Sets (or, with null, clears) the workspace's language; one upsert, so two presses cannot collide. */
export async function setTeamLanguage(
  db: Kysely<Schema>,
  teamId: string,
  language: Lang | null,
  now: number,
): Promise<void> {
  await db
    .insertInto("team_settings")
    .values({ team_id: checkTeam(teamId), language, updated_at: now })
    .onConflict((oc) => oc.column("team_id").doUpdateSet({ language, updated_at: now }))
    .execute();
}
