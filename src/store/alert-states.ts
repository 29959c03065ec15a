/**
 * The firing/resolved state of each (alert rule, label) pair: what the state machine in src/alerts
 * remembers between buckets, and which Slack message to update when an incident resolves.
 */
import type { Kysely, Selectable } from "kysely";
import { checkId, checkOneOf, checkTeam, isForeignKeyViolation, isId, StoreError } from "./errors.ts";
import { ALERT_STATUSES, type AlertStatesTable, type AlertStatus, type Schema } from "./schema.ts";

export interface AlertState {
  readonly ruleId: number;
  readonly teamId: string;
  /** The breakdown label this state is for; '' for a rule without `by=`. */
  readonly labelKey: string;
  readonly status: AlertStatus;
  /** When `status` was entered (ms). */
  readonly since: number;
  readonly breachCount: number;
  readonly recoverCount: number;
  readonly incidentStartedAt: number | null;
  readonly messageChannel: string | null;
  readonly messageTs: string | null;
  readonly lastNotifiedAt: number | null;
  readonly lastValue: number | null;
  readonly updatedAt: number;
  /** The open incident was announced, so its resolution will be too. */
  readonly announced: boolean;
  /** Last firing notification of any incident; the cooldown counts from it. */
  readonly lastFiringAt: number | null;
}

export type AlertStateWrite = Omit<AlertState, "updatedAt" | "announced" | "lastFiringAt"> & {
  readonly now: number;
  readonly announced?: boolean;
  readonly lastFiringAt?: number | null;
};

function toAlertState(r: Selectable<AlertStatesTable>): AlertState {
  return {
    ruleId: r.rule_id,
    teamId: r.team_id,
    labelKey: r.label_key,
    status: r.status,
    since: r.since,
    breachCount: r.breach_count,
    recoverCount: r.recover_count,
    incidentStartedAt: r.incident_started_at,
    messageChannel: r.message_channel,
    messageTs: r.message_ts,
    lastNotifiedAt: r.last_notified_at,
    lastValue: r.last_value,
    updatedAt: r.updated_at,
    announced: r.announced === 1,
    lastFiringAt: r.last_firing_at,
  };
}

export async function getAlertState(
  db: Kysely<Schema>,
  teamId: string,
  ruleId: number,
  labelKey: string,
): Promise<AlertState | null> {
  if (!isId(ruleId)) return null;
  const row = await db
    .selectFrom("alert_states")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("rule_id", "=", ruleId)
    .where("label_key", "=", labelKey)
    .executeTakeFirst();
  return row === undefined ? null : toAlertState(row);
}

/** Every label's state for one rule, by label. */
export async function listAlertStates(
  db: Kysely<Schema>,
  teamId: string,
  ruleId: number,
): Promise<AlertState[]> {
  if (!isId(ruleId)) return [];
  const rows = await db
    .selectFrom("alert_states")
    .selectAll()
    .where("team_id", "=", checkTeam(teamId))
    .where("rule_id", "=", ruleId)
    .orderBy("label_key")
    .execute();
  return rows.map(toAlertState);
}

/** Writes the whole state of (rule, label), inserting it the first time. Returns what is stored. */
export async function upsertAlertState(
  db: Kysely<Schema>,
  teamId: string,
  s: AlertStateWrite,
): Promise<AlertState> {
  checkTeam(teamId);
  checkId("Alert rule", s.ruleId);
  const values = {
    status: checkOneOf("alert status", s.status, ALERT_STATUSES),
    since: s.since,
    breach_count: s.breachCount,
    recover_count: s.recoverCount,
    incident_started_at: s.incidentStartedAt,
    message_channel: s.messageChannel,
    message_ts: s.messageTs,
    last_notified_at: s.lastNotifiedAt,
    last_value: s.lastValue,
    updated_at: s.now,
    announced: s.announced ? 1 : 0,
    last_firing_at: s.lastFiringAt ?? null,
  };
  try {
    const row = await db
      .insertInto("alert_states")
      .values({ rule_id: s.ruleId, team_id: teamId, label_key: s.labelKey, ...values })
      .onConflict((oc) =>
        // The team condition keeps a write from another team off this rule's row (its insert fails
        // the foreign key; this makes the conflict path a no-op too).
        oc.columns(["rule_id", "label_key"]).doUpdateSet(values).where("alert_states.team_id", "=", teamId),
      )
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw missingRule(teamId, s.ruleId);
    return toAlertState(row);
  } catch (e) {
    throw isForeignKeyViolation(e) ? missingRule(teamId, s.ruleId, e) : e;
  }
}

function missingRule(teamId: string, ruleId: number, cause?: unknown): StoreError {
  return new StoreError(
    "not_found",
    `Team ${teamId} has no alert rule #${ruleId}: create it before storing its state.`,
    {
      cause,
    },
  );
}
