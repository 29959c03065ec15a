/**
 * Alert evaluations: one row per (rule, bucket start), claimed exactly like delivery runs so a bucket
 * is evaluated (and notified) once however many workers tick at the same minute (store/claims.ts).
 */
import type { Kysely, Selectable } from "kysely";
import { claim, type Held, handBack, pruneFinished, recordFailure, updateHeld } from "./claims.ts";
import { checkId, checkMs, checkTeam, isForeignKeyViolation, isId, StoreError } from "./errors.ts";
import type { AlertEvaluationsTable, EvaluationState, Schema } from "./schema.ts";

export interface EvaluationRecord {
  readonly ruleId: number;
  readonly teamId: string;
  readonly bucketStart: number;
  readonly state: EvaluationState;
  readonly leaseOwner: string | null;
  readonly leaseUntil: number;
  readonly attempts: number;
  /** What the evaluation concluded, as stored by completeEvaluation (parsed JSON). */
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

function toEvaluation(r: Selectable<AlertEvaluationsTable>): EvaluationRecord {
  return {
    ruleId: r.rule_id,
    teamId: r.team_id,
    bucketStart: r.bucket_start,
    state: r.state,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    attempts: r.attempts,
    result: r.result === null ? null : JSON.parse(r.result),
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export interface EvaluationClaim {
  readonly teamId: string;
  readonly ruleId: number;
  readonly bucketStart: number;
  readonly owner: string;
  readonly leaseMs: number;
  readonly now: number;
}

/**
 * Claims (rule, bucket) with one conditional write, as claimRun does: inserted if absent, or taken
 * over (attempts + 1) if still 'claimed' with an expired lease. Done and failed are never reclaimed.
 */
export async function claimEvaluation(
  db: Kysely<Schema>,
  c: EvaluationClaim,
): Promise<EvaluationRecord | null> {
  checkTeam(c.teamId);
  checkId("Alert rule", c.ruleId);
  checkMs("Bucket start", c.bucketStart);
  checkMs("Lease end", c.now + c.leaseMs);
  try {
    const row = await claim(db, {
      table: "alert_evaluations",
      teamId: c.teamId,
      key: { rule_id: c.ruleId, bucket_start: c.bucketStart },
      owner: c.owner,
      leaseMs: c.leaseMs,
      now: c.now,
    });
    return row === undefined ? null : toEvaluation(row);
  } catch (e) {
    if (!isForeignKeyViolation(e)) throw e;
    throw new StoreError(
      "not_found",
      `Team ${c.teamId} has no alert rule #${c.ruleId}: create it before evaluating.`,
      {
        cause: e,
      },
    );
  }
}

type Key = { teamId: string; ruleId: number; bucketStart: number; owner: string };

/** Stores the outcome (any JSON-serialisable value). False if this owner no longer held the claim. */
export async function completeEvaluation(
  db: Kysely<Schema>,
  k: Key,
  done: { result: unknown; now: number },
): Promise<boolean> {
  return updateHeld(db, held(k), {
    state: "done",
    lease_until: 0,
    result: JSON.stringify(done.result ?? null),
    error: null,
    finished_at: done.now,
  });
}

/** Final: 'failed', never retried. Not final: stays claimed until `retryAt`, then anyone may reclaim it. */
export async function failEvaluation(
  db: Kysely<Schema>,
  k: Key,
  failure: { error: string; final: boolean; now: number; retryAt?: number },
): Promise<boolean> {
  return recordFailure(db, held(k), failure);
}

/** Hands a held evaluation back on shutdown so the next worker takes it at once. */
export async function releaseEvaluation(db: Kysely<Schema>, k: Key): Promise<boolean> {
  return handBack(db, held(k));
}

export async function getEvaluation(
  db: Kysely<Schema>,
  teamId: string,
  ruleId: number,
  bucketStart: number,
): Promise<EvaluationRecord | null> {
  if (!isId(ruleId)) return null;
  const row = await db
    .selectFrom("alert_evaluations")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("rule_id", "=", ruleId)
    .where("bucket_start", "=", bucketStart)
    .executeTakeFirst();
  return row === undefined ? null : toEvaluation(row);
}

/** An evaluation as held by `k.owner`; checked here because every held write goes through it. */
function held(k: Key): Held<"alert_evaluations"> {
  return {
    table: "alert_evaluations",
    teamId: checkTeam(k.teamId),
    key: { rule_id: checkId("Alert rule", k.ruleId), bucket_start: k.bucketStart },
    owner: k.owner,
  };
}

/**
 * Deletes finished evaluations (done, failed) that finished before `before`. The rule's last
 * evaluated bucket lives on the rule, so a deleted row is never judged again (claims.ts,
 * pruneFinished).
 */
export function pruneEvaluations(db: Kysely<Schema>, before: number): Promise<number> {
  return pruneFinished(db, "alert_evaluations", before);
}
