/**
 * An alert rule as plain data (JSON-serialisable, stored as is). Parsed from words by rules.ts,
 * described for people by describe.ts, evaluated by evaluate.ts.
 */
import type { Interval } from "../placewise/fields.ts";

import type { RuleKind } from "./detectors/registry.ts";

export type { RuleKind };
export type Sensitivity = "low" | "medium" | "high";
export type Direction = "both" | "low" | "high";
export type Versus = "previous" | "last_week";

/** Local minutes since midnight, `to` exclusive; `from > to` wraps past midnight (22:00-06:00). */
export interface ActiveHours {
  readonly from: number;
  readonly to: number;
}

export interface AlertRule {
  readonly kind: RuleKind;
  /** `below`/`above`: the threshold count per bucket. */
  readonly value: number | null;
  /** `drop`/`rise`: the change in percent (40 means 40 %). */
  readonly percent: number | null;
  /** `drop`/`rise`: compared with the bucket before, or the same local time a week before. */
  readonly versus: Versus | null;
  /** `anomaly`: how wide the expected band is (high = narrow band = more alerts). */
  readonly sensitivity: Sensitivity;
  /** `anomaly`: which side of the band counts. */
  readonly direction: Direction;
  /** Bucket size; null = the query's interval (or, in the CLI, inferred from the CSV). */
  readonly interval: Interval | null;
  /** Breaching buckets in a row before firing; also the recovering buckets in a row (at least 2) before resolving. */
  readonly for: number;
  readonly hours: ActiveHours | null;
  /** ISO weekdays (1 = Monday ... 7 = Sunday) on which the rule is active; null = every day. */
  readonly days: readonly number[] | null;
  /** After an incident was announced, a new incident is announced no sooner than this. */
  readonly cooldownMs: number;
  /** While an incident lasts, remind this often; 0 = never. */
  readonly renotifyMs: number;
  /** The words the rule was parsed from, normalised (for listing and storage). */
  readonly text: string;
}

const HOUR = 3_600_000;

/**
 * Defaults. A cooldown of 4 h keeps a shop's bad afternoon to one message; a reminder every 24 h
 * tells a channel that an outage is still open the next day without repeating itself hourly.
 */
export const RULE_DEFAULTS = {
  for: 1,
  sensitivity: "medium" as Sensitivity,
  direction: "both" as Direction,
  versus: "previous" as Versus,
  cooldownMs: 4 * HOUR,
  renotifyMs: 24 * HOUR,
} as const;
