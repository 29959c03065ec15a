/** Ids for subscriptions and alert rules come from one table, so #12 names one thing in a team. */
import type { Transaction } from "kysely";
import { checkTeam } from "./errors.ts";
import type { ItemKind, Schema } from "./schema.ts";

/** Takes the next id for a new subscription or alert rule; call inside the transaction that inserts it. */
export async function allocateItemId(
  trx: Transaction<Schema>,
  teamId: string,
  kind: ItemKind,
  now: number,
): Promise<number> {
  const row = await trx
    .insertInto("items")
    .values({ team_id: checkTeam(teamId), kind, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
