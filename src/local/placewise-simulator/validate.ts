/**
 * Parameter checks of a query body, answered as the API does: 422 "Invalid parameters" with a list
 * of messages per field. Each message says what is wrong and what would be accepted.
 */
import { DateTime } from "luxon";
import {
  AGGREGATIONS,
  type Aggregation,
  INTERVALS,
  type Interval,
  MAX_BUCKETS_PER_REQUEST,
  REPORT,
  RETENTION,
} from "../../placewise/fields.ts";
import { bucketStart, nextBucket } from "../../placewise/grid.ts";
import { validateFilter } from "./filter.ts";
import type { ClubInfo, FilterNode } from "./types.ts";

export interface ValidRequest {
  readonly interval: Interval;
  readonly fromMs: number;
  readonly toMs: number;
  readonly filter: FilterNode | null;
  readonly aggregateBy: Aggregation | null;
}

export type Details = Record<string, string[]>;
export type Validation = { ok: true; request: ValidRequest } | { ok: false; details: Details };

const HOUR_MS = 3_600_000;
const WITH_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/;

function parseTime(value: unknown): number | string {
  if (typeof value !== "string")
    return `must be an ISO 8601 time with offset, like "2025-08-27T00:00:00.000+02:00"`;
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid || !WITH_OFFSET.test(value)) {
    return `${JSON.stringify(value)} is not an ISO 8601 time with offset; use e.g. "2025-08-27T00:00:00.000+02:00"`;
  }
  return dt.toMillis();
}

/** `auto` as documented: up to 12 h gives 5m, up to 3 days 1h, else 1d. */
export function resolveAuto(fromMs: number, toMs: number): Interval {
  const span = toMs - fromMs;
  if (span <= 12 * HOUR_MS) return "5m";
  if (span <= 72 * HOUR_MS) return "1h";
  return "1d";
}

/** Buckets of [from, to) in `zone`, counting no further than limit + 1. */
function countBuckets(fromMs: number, toMs: number, interval: Interval, zone: string, limit: number): number {
  let n = 0;
  for (let s = bucketStart(fromMs, interval, zone); s < toMs && n <= limit; s = nextBucket(s, interval, zone))
    n++;
  return n;
}

function retentionProblem(interval: Interval, fromMs: number, nowMs: number, zone: string): string | null {
  const keep = RETENTION[interval];
  if (keep === null) return null;
  // Kept in whole buckets, from the start of the bucket in progress: 14 days of 5m data are the
  // 4032 buckets before the current one, whatever minute of it "now" is.
  const oldest = DateTime.fromMillis(bucketStart(nowMs, interval, zone), { zone }).minus(keep);
  if (fromMs >= oldest.toMillis()) return null;
  const kept = Object.entries(keep).map(([unit, n]) => `${n} ${unit}`)[0];
  return (
    `${interval} data is kept ${kept}: from ${DateTime.fromMillis(fromMs, { zone }).toISO()} is older than ` +
    `${oldest.toISO()}; use a coarser interval or a later from`
  );
}

/** Validates a parsed JSON body against the selected clubs at the simulator's `nowMs`. */
export function validateRequest(body: unknown, clubs: readonly ClubInfo[], nowMs: number): Validation {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, details: { body: ["must be a JSON object with report, interval, from and to"] } };
  }
  const b = body as Record<string, unknown>;
  const details: Details = {};
  const add = (field: string, message: string) => {
    details[field] ??= [];
    details[field].push(message);
  };
  if (b.report !== REPORT)
    add("report", `unknown report ${JSON.stringify(b.report)}; this endpoint serves "${REPORT}"`);
  const from = parseTime(b.from);
  const to = parseTime(b.to);
  if (typeof from === "string") add("from", from);
  if (typeof to === "string") add("to", to);
  if (typeof from === "number" && typeof to === "number" && from >= to) {
    add("to", `must be later than from (${String(b.from)}), got ${String(b.to)}`);
  }
  const rawInterval = b.interval;
  if (rawInterval !== "auto" && !(INTERVALS as readonly unknown[]).includes(rawInterval)) {
    add(
      "interval",
      `${JSON.stringify(rawInterval)} is not an interval; must be one of ${INTERVALS.join(", ")}, auto`,
    );
  }
  const agg = b.aggregate_by ?? null;
  if (agg !== null && !(AGGREGATIONS as readonly unknown[]).includes(agg)) {
    add(
      "aggregate_by",
      `${JSON.stringify(agg)} is not an aggregation; must be one of ${AGGREGATIONS.join(", ")}`,
    );
  }
  const filter = b.filter ?? null;
  if (filter !== null) for (const problem of validateFilter(filter)) add("filter", problem);
  if (Object.keys(details).length > 0 || typeof from !== "number" || typeof to !== "number") {
    return { ok: false, details };
  }
  const interval = rawInterval === "auto" ? resolveAuto(from, to) : (rawInterval as Interval);
  for (const club of clubs) {
    const n = countBuckets(from, to, interval, club.timezone, MAX_BUCKETS_PER_REQUEST);
    if (n > MAX_BUCKETS_PER_REQUEST) {
      add(
        "interval",
        `more than ${MAX_BUCKETS_PER_REQUEST} time buckets at ${interval} from ${b.from} to ${b.to}; use a coarser interval or split the range`,
      );
      break;
    }
  }
  const retention = retentionProblem(interval, from, nowMs, clubs[0]?.timezone ?? "UTC");
  if (retention !== null) add("from", retention);
  if (Object.keys(details).length > 0) return { ok: false, details };
  return {
    ok: true,
    request: {
      interval,
      fromMs: from,
      toMs: to,
      filter: filter as FilterNode | null,
      aggregateBy: agg as Aggregation | null,
    },
  };
}
