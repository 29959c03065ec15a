import type { OfferType } from "../../placewise/fields.ts";

/** One offer of a club's catalogue; its type, store and collection label every usage of it. */
export interface OfferInfo {
  readonly id: number;
  readonly type: OfferType;
  readonly storeId: number;
  /** Offers outside any collection have null, so `collection_id IS NULL` filters have something to find. */
  readonly collectionId: number | null;
  /** Relative popularity among offers of the same club. */
  readonly popularity: number;
}

export interface MemberPlace {
  readonly id: number;
  readonly cityId: number;
}

/** A simulated loyalty club (the `X-Customer: id=` value). */
export interface ClubInfo {
  readonly id: number;
  readonly name: string;
  readonly timezone: string;
  readonly stores: readonly number[];
  readonly collections: readonly number[];
  readonly offers: readonly OfferInfo[];
  readonly memberPlaces: readonly MemberPlace[];
  readonly cities: readonly number[];
  /** Expected usages on an ordinary Wednesday outside campaigns; other days scale from it. */
  readonly weekdayUsages: number;
  /** Local date the club started (YYYY-MM-DD): no usages before it, which bounds "forever" 1w/1mo queries. */
  readonly launchedOn: string;
}

/**
 * A known change of traffic: `factor` multiplies the usage rate in [fromMs, toMs).
 * 0 is an outage, 0.5 a 50 % drop, 3 a spike.
 */
export interface Incident {
  readonly clubId: number;
  readonly fromMs: number;
  readonly toMs: number;
  readonly factor: number;
}

/** Something the generator does on purpose, listed so benchmarks can label it. */
export interface KnownEvent {
  readonly clubId: number;
  readonly kind: "campaign" | "outage" | "injected";
  readonly fromMs: number;
  readonly toMs: number;
  /** Campaigns: the offer type whose usage doubles. */
  readonly offerType?: OfferType;
  readonly factor: number;
}

/** Queued misbehaviour; each applies to the next `times` API requests (default 1). */
export interface Fault {
  kind: "status" | "hang" | "malformed" | "reset";
  status?: number;
  retryAfterSeconds?: number;
  body?: unknown;
  times?: number;
}

/** One request as the simulator saw it; `status` is 0 while pending and for hang/reset faults. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
}

/** A filter node as the API takes it (JSON). */
export type FilterNode =
  | { readonly type: "and" | "or"; readonly operations: readonly FilterNode[] }
  | { readonly type: LeafOperator; readonly field: string; readonly value: unknown };

export const LEAF_OPERATORS = [
  "equal",
  "not_equal",
  "greated_than",
  "greater_or_equal_to",
  "less_than",
  "less_or_equal_to",
] as const;
export type LeafOperator = (typeof LEAF_OPERATORS)[number];
