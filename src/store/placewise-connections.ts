/**
 * A workspace's own Placewise access (`/offers connect`): the customer id (X-Customer), the kind of
 * token and the token itself, sealed with ENCRYPTION_KEY (associated data: the team), and the club
 * zone the API reported when the token was checked.
 */
import type { Kysely } from "kysely";
import type { Keyring } from "../util/seal.ts";
import { checkOneOf, checkTeam } from "./errors.ts";
import type { Schema } from "./schema.ts";

/** `demo`: the built-in simulator's token, chosen with `/offers connect demo` (every message labelled). */
export const TOKEN_KINDS = ["user", "client", "demo"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface PlacewiseConnection {
  readonly teamId: string;
  readonly customer: string;
  readonly tokenKind: TokenKind;
  readonly token: string;
  readonly timezone: string | null;
  readonly connectedBy: string;
  readonly connectedAt: number;
}

const context = (teamId: string) => `placewise_connections:${teamId}`;

export async function saveConnection(
  db: Kysely<Schema>,
  keyring: Keyring,
  c: PlacewiseConnection,
): Promise<void> {
  const values = {
    customer: c.customer,
    token_kind: checkOneOf("token kind", c.tokenKind, TOKEN_KINDS),
    sealed_token: keyring.seal(c.token, context(c.teamId)),
    timezone: c.timezone,
    connected_by: c.connectedBy,
    connected_at: c.connectedAt,
  };
  await db
    .insertInto("placewise_connections")
    .values({ team_id: checkTeam(c.teamId), ...values })
    .onConflict((oc) => oc.column("team_id").doUpdateSet(values))
    .execute();
}

/** The team's connection with its token opened, or null when the team has not connected. */
export async function loadConnection(
  db: Kysely<Schema>,
  keyring: Keyring,
  teamId: string,
): Promise<PlacewiseConnection | null> {
  const r = await db
    .selectFrom("placewise_connections")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .executeTakeFirst();
  if (r === undefined) return null;
  return {
    teamId: r.team_id,
    customer: r.customer,
    tokenKind: r.token_kind as TokenKind,
    token: keyring.open(r.sealed_token, context(r.team_id)),
    timezone: r.timezone,
    connectedBy: r.connected_by,
    connectedAt: r.connected_at,
  };
}

/** A cheap fingerprint of the stored row, to tell whether a cached client is still the team's. */
export async function connectionVersion(db: Kysely<Schema>, teamId: string): Promise<string | null> {
  const r = await db
    .selectFrom("placewise_connections")
    .select(["sealed_token", "customer", "connected_at"])
    .where("team_id", "=", checkTeam(teamId))
    .executeTakeFirst();
  return r === undefined ? null : `${r.connected_at}:${r.customer}:${r.sealed_token.slice(0, 40)}`;
}

export async function deleteConnection(db: Kysely<Schema>, teamId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("placewise_connections")
    .where("team_id", "=", checkTeam(teamId))
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Key rotation for Placewise tokens, as resealInstallations does for Slack's. */
export async function resealConnections(db: Kysely<Schema>, keyring: Keyring): Promise<number> {
  const rows = await db.selectFrom("placewise_connections").select(["team_id", "sealed_token"]).execute();
  let n = 0;
  for (const r of rows) {
    if (keyring.isCurrent(r.sealed_token)) continue;
    const fresh = keyring.seal(keyring.open(r.sealed_token, context(r.team_id)), context(r.team_id));
    await db
      .updateTable("placewise_connections")
      .set({ sealed_token: fresh })
      .where("team_id", "=", r.team_id)
      .where("sealed_token", "=", r.sealed_token)
      .execute();
    n++;
  }
  return n;
}
