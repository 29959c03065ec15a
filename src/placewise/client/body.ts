import { PlacewiseError } from "../errors.ts";
import type { Aggregation, Interval } from "../fields.ts";
import { FILTER_FIELDS, REPORT, REPORT_TOKEN_COST } from "../fields.ts";
import { toApiTime } from "../grid.ts";
import type { Filter, FilterValue, Query } from "../query.ts";

export interface ApiFilterLeaf {
  readonly type: "equal";
  readonly field: string;
  readonly value: FilterValue;
}
export interface ApiFilterNode {
  readonly type: "and" | "or";
  readonly operations: readonly ApiFilter[];
}
export type ApiFilter = ApiFilterLeaf | ApiFilterNode;

/** The POST body, keys in the order of the API doc's example. */
export interface ApiRequestBody {
  readonly report: typeof REPORT;
  readonly filter: ApiFilter | null;
  readonly aggregate_by?: Aggregation;
  readonly interval: Interval;
  readonly from: string;
  readonly to: string;
}

/** The API compares typed values: `authorized` must be `true`, not `"true"`; ids are numbers. */
function apiValue(f: Filter, v: FilterValue): FilterValue {
  const kind = FILTER_FIELDS[f.field]?.kind;
  if (kind === undefined) {
    throw new PlacewiseError("invalid_query", `"${f.field}" is not a filterable field of offers usages.`);
  }
  if (v === null) return null;
  if (kind === "boolean") {
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw new PlacewiseError("invalid_query", `${f.field} takes true or false, got "${v}".`);
  }
  if (kind === "integer") {
    const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isSafeInteger(n)) return n;
    throw new PlacewiseError("invalid_query", `${f.field} takes a whole number, got "${String(v)}".`);
  }
  return String(v);
}

function fieldFilter(f: Filter): ApiFilter {
  if (f.values.length === 0) {
    throw new PlacewiseError("invalid_query", `The filter on ${f.field} has no values; give at least one.`);
  }
  const leaves = f.values.map(
    (v): ApiFilterLeaf => ({ type: "equal", field: f.field, value: apiValue(f, v) }),
  );
  return leaves.length === 1 ? (leaves[0] as ApiFilterLeaf) : { type: "or", operations: leaves };
}

/** One field, one value: a leaf; several values: `or` of leaves; several fields: `and`; none: null. */
export function buildFilter(filters: readonly Filter[]): ApiFilter | null {
  if (filters.length === 0) return null;
  const parts = filters.map(fieldFilter);
  return parts.length === 1 ? (parts[0] as ApiFilter) : { type: "and", operations: parts };
}

/** The body for the buckets [fromMs, toMs) of `q`, times written with the query zone's offset. */
export function buildBody(
  q: Query,
  fromMs: number,
  toMs: number,
  filter = buildFilter(q.filters),
): ApiRequestBody {
  const zone = q.range.timezone;
  return {
    report: REPORT,
    filter,
    ...(q.aggregateBy ? { aggregate_by: q.aggregateBy } : {}),
    interval: q.interval,
    from: toApiTime(fromMs, zone),
    to: toApiTime(toMs, zone),
  };
}

/**
 * Tokens a request will cost before the API tells us (`ratelimit-cost`). The docs disagree on
 * logical nodes (1 each, or `and` 1 and `or` 3); pacing takes the higher so it never under-waits.
 */
export function estimateTokenCost(filter: ApiFilter | null): number {
  let cost = REPORT_TOKEN_COST;
  const walk = (f: ApiFilter | null): void => {
    if (f === null || f.type === "equal") return;
    cost += f.type === "or" ? 3 : 1;
    for (const op of f.operations) walk(op);
  };
  walk(filter);
  return cost;
}
