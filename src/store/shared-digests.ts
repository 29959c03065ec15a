/**
 * The shared result of a burst (migrations/0004_shared_digests.ts): the first run to claim a share
 * key produces the digest's report, chart and upload; the others read them. Claiming, the heartbeat
 * and the takeover after a dead producer's lease are the claims.ts protocol, keyed by `share_key`
 * (a hash that already holds the team, src/pipeline/shared-digest.ts).
 */
import type { Kysely, Selectable } from "kysely";
import { claim, type Held, renewLease, updateHeld } from "./claims.ts";
import { checkMs, checkTeam } from "./errors.ts";
import type { Schema, SharedDigestsTable } from "./schema.ts";

export type SharedDigestRow = Selectable<SharedDigestsTable>;

/** What the producer stores for the others: the report as JSON, the PNG, the private file's id. */
export interface SharedDigestResult {
  readonly report: string;
  /** The numbers behind the digest as CSV, as JSON (src/report/csv.ts). */
  readonly csv: string;
  readonly png: Buffer | null;
  readonly fileId: string | null;
  readonly chartError: string | null;
}

export interface ShareLease {
  readonly teamId: string;
  readonly key: string;
  readonly owner: string;
}

const held = (l: ShareLease): Held<"shared_digests"> => ({
  table: "shared_digests",
  teamId: l.teamId,
  key: { share_key: l.key },
  owner: l.owner,
});

/**
 * Claims the key for producing: the row when this caller won (new, or taken over from a producer
 * whose lease expired), undefined when another producer holds it or it is done.
 */
export function claimShare(
  db: Kysely<Schema>,
  l: ShareLease & { leaseMs: number; now: number },
): Promise<SharedDigestRow | undefined> {
  return claim(db, {
    table: "shared_digests",
    teamId: checkTeam(l.teamId),
    key: { share_key: l.key },
    owner: l.owner,
    leaseMs: l.leaseMs,
    now: checkMs("now", l.now),
  });
}

/** The row as it is now, in this team only; undefined when there is none (pruned or released). */
export async function readShare(
  db: Kysely<Schema>,
  teamId: string,
  key: string,
): Promise<SharedDigestRow | undefined> {
  return db
    .selectFrom("shared_digests")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("share_key", "=", key)
    .executeTakeFirst();
}

/** The producer's heartbeat; false means another producer took the key over. */
export function renewShare(db: Kysely<Schema>, l: ShareLease, leaseUntil: number): Promise<boolean> {
  return renewLease(db, held(l), leaseUntil);
}

/** Stores the result and marks the row done; false when the claim was lost (nothing written). */
export function finishShare(
  db: Kysely<Schema>,
  l: ShareLease,
  r: SharedDigestResult & { now: number },
): Promise<boolean> {
  return updateHeld(db, held(l), {
    state: "done",
    lease_until: 0,
    report: r.report,
    csv: r.csv,
    png: r.png,
    file_id: r.fileId,
    chart_error: r.chartError,
    finished_at: checkMs("now", r.now),
  });
}

/**
 * The producer failed (Placewise down, shutdown): the row goes, so the next run to ask claims the
 * key afresh and tries itself, instead of everyone waiting out a lease for nothing.
 */
export async function releaseShare(db: Kysely<Schema>, l: ShareLease): Promise<boolean> {
  const r = await db
    .deleteFrom("shared_digests")
    .where("team_id", "=", checkTeam(l.teamId))
    .where("share_key", "=", l.key)
    .where("state", "=", "claimed")
    .where("lease_owner", "=", l.owner)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Deletes every row created before `before`, done or not: a burst's results are worth minutes, and a
 * claim that old was abandoned (a run that asks again claims the key afresh). Returns how many went.
 */
export async function pruneShares(db: Kysely<Schema>, before: number): Promise<number> {
  const r = await db
    .deleteFrom("shared_digests")
    .where("created_at", "<", checkMs("before", before))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
