/** "Tell the creator once": a key per team, remembered forever (e.g. `sub-12-paused-not_in_channel`). */
import type { Kysely } from "kysely";
import { checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

/**
 * Records the notice if it is new. Returns true only for the first call with this (team, key), even
 * when several processes ask at the same moment: the primary key decides, not a read before the write.
 */
export async function noticeOnce(
  db: Kysely<Schema>,
  teamId: string,
  key: string,
  now: number,
): Promise<boolean> {
  const row = await db
    .insertInto("notices")
    .values({ team_id: checkTeam(teamId), key, created_at: now })
    .onConflict((oc) => oc.columns(["team_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasNotice(db: Kysely<Schema>, teamId: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom("notices")
    .select("key")
    .where("team_id", "=", checkTeam(teamId))
    .where("key", "=", key)
    .executeTakeFirst();
  return row !== undefined;
}
