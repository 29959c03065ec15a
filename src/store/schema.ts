/**
 * The tables as Kysely sees them (snake_case, as stored). Repositories map rows to the camelCase
 * records in records.ts; nothing outside src/store touches these types.
 *
 * Every timestamp is epoch milliseconds in a 64-bit integer column (PostgreSQL `bigint`, read back as
 * a JS number by the pool's type parser). Booleans are 0/1 integers on both databases because
 * better-sqlite3 cannot bind `true`, and one representation keeps both code paths identical.
 */
import type { Generated } from "kysely";

export const ITEM_KINDS = ["digest", "alert"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATES = ["active", "paused", "deleted"] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const RUN_STATES = ["claimed", "delivered", "failed", "skipped"] as const;
export type RunState = (typeof RUN_STATES)[number];

export const ALERT_STATUSES = ["ok", "pending", "firing", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const EVALUATION_STATES = ["claimed", "done", "failed"] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

/** The shared id space: `/offers pause 12` names a digest or an alert without saying which. */
export interface ItemsTable {
  id: Generated<number>;
  team_id: string;
  kind: ItemKind;
  created_at: number;
}

export interface SubscriptionsTable {
  id: number;
  team_id: string;
  channel_id: string;
  creator_id: string;
  query: string;
  schedule_text: string;
  cron: string;
  timezone: string;
  state: ItemState;
  paused_reason: string | null;
  created_at: number;
  updated_at: number;
  next_run_at: number | null;
  consecutive_failures: Generated<number>;
  last_run_at: number | null;
  last_error: string | null;
  /** `when=` as typed, null for always (migration 0020). */
  deliver_when: string | null;
  /** 0/1: `csv=yes` (migration 0020). */
  attach_csv: Generated<number>;
  /** The last run, when it was skipped by its condition, and why (migration 0020). */
  last_skipped_at: number | null;
  last_skip_reason: string | null;
}

export interface DeliveryRunsTable {
  id: Generated<number>;
  team_id: string;
  subscription_id: number;
  scheduled_at: number;
  state: RunState;
  late: number;
  attempts: number;
  lease_owner: string | null;
  lease_until: number;
  error: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
  slack_file_id: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface AlertRulesTable {
  id: number;
  team_id: string;
  channel_id: string;
  creator_id: string;
  rule_text: string;
  query: string;
  timezone: string;
  state: ItemState;
  paused_reason: string | null;
  snoozed_until: number | null;
  muted: number;
  created_at: number;
  updated_at: number;
  last_evaluated_bucket: number | null;
}

export interface AlertStatesTable {
  rule_id: number;
  team_id: string;
  label_key: string;
  status: AlertStatus;
  since: number;
  breach_count: number;
  recover_count: number;
  incident_started_at: number | null;
  message_channel: string | null;
  message_ts: string | null;
  last_notified_at: number | null;
  last_value: number | null;
  updated_at: number;
  /** 0/1: the open incident was announced (migration 0002). */
  announced: Generated<number>;
  last_firing_at: number | null;
}

export interface AlertEvaluationsTable {
  rule_id: number;
  team_id: string;
  bucket_start: number;
  state: EvaluationState;
  lease_owner: string | null;
  lease_until: number;
  attempts: number;
  result: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface NoticesTable {
  team_id: string;
  key: string;
  created_at: number;
}

export interface Schema {
  items: ItemsTable;
  subscriptions: SubscriptionsTable;
  delivery_runs: DeliveryRunsTable;
  alert_rules: AlertRulesTable;
  alert_states: AlertStatesTable;
  alert_evaluations: AlertEvaluationsTable;
  notices: NoticesTable;
  rate_gates: RateGatesTable;
  team_settings: TeamSettingsTable;
  shared_digests: SharedDigestsTable;
  report_jobs: ReportJobsTable;
  slack_installations: SlackInstallationsTable;
  slack_team_links: SlackTeamLinksTable;
  placewise_connections: PlacewiseConnectionsTable;
}

/** One "Add to Slack" installation; see migrations/0010_installations.ts. */
export interface SlackInstallationsTable {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_user_id: string | null;
  sealed: string | null;
  installed_at: number;
  updated_at: number;
  uninstalled_at: number | null;
}

/** A workspace served by an org-wide installation. */
export interface SlackTeamLinksTable {
  team_id: string;
  install_key: string;
}

/** A workspace's own Placewise access (customer id, sealed token). */
export interface PlacewiseConnectionsTable {
  team_id: string;
  customer: string;
  token_kind: string;
  sealed_token: string;
  timezone: string | null;
  connected_by: string;
  connected_at: number;
}

/** Per gate key, when its next Slack call is due (epoch ms); see migrations/0003_rate_gates.ts. */
export interface RateGatesTable {
  key: string;
  tat: number;
}

/** A workspace's own choices; see migrations/0030_team_settings.ts. */
export interface TeamSettingsTable {
  team_id: string;
  /** One of src/i18n LANGUAGES, or null: DEFAULT_LANGUAGE. */
  language: string | null;
  updated_at: number;
}

export const SHARED_STATES = ["claimed", "done"] as const;
export type SharedState = (typeof SHARED_STATES)[number];

/** One digest shared by the runs due together with the same query; see migrations/0004_shared_digests.ts. */
export interface SharedDigestsTable {
  share_key: string;
  team_id: string;
  state: SharedState;
  attempts: number;
  lease_owner: string | null;
  lease_until: number;
  error: string | null;
  /** The Report as JSON (src/report/types.ts). */
  report: string | null;
  /** The numbers behind the digest as CSV, as JSON (src/report/csv.ts). */
  csv: string | null;
  png: Buffer | null;
  /** The uploaded chart, private until a message references it; null when the upload failed. */
  file_id: string | null;
  chart_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export type ReportJobState = "queued" | "claimed" | "done" | "failed";

/** Ad-hoc reports handed from web to the workers; see migrations/0005_report_jobs.ts. */
export interface ReportJobsTable {
  id: Generated<number>;
  team_id: string;
  channel_id: string;
  user_id: string;
  words: string;
  run_key: string;
  asked_at: number;
  response_url: string | null;
  done_reply: string | null;
  state: ReportJobState;
  attempts: number;
  lease_owner: string | null;
  lease_until: number;
  error: string | null;
  slack_ts: string | null;
  created_at: number;
  finished_at: number | null;
}
