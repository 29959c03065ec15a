/**
 * The report's vocabulary, copied from Placewise's documentation page of `offers_usages_history`.
 * One place, so the parser, the validator,
 * the client and the simulator can never disagree about a field name or an enum value.
 */

export const REPORT = "offers_usages_history";

/** Intervals the report accepts, finest first. */
export const INTERVALS = ["5m", "1h", "1d", "1w", "1mo"] as const;
export type Interval = (typeof INTERVALS)[number];

export const OFFER_TYPES = [
  "regular",
  "birthday",
  "exclusive",
  "welcome",
  "competition",
  "reward",
  "carbon_offset_item",
  "parking",
  "parking_exclusive",
  "game_prize",
  "informational",
] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export type FieldKind = "enum" | "integer" | "string" | "boolean";

export interface FieldSpec {
  readonly kind: FieldKind;
  readonly values?: readonly string[];
  readonly description: string;
}

/** Every filterable field of the report except `loyalty_club_id` (that one travels in X-Customer). */
export const FILTER_FIELDS = {
  offer_type: { kind: "enum", values: OFFER_TYPES, description: "type of offer" },
  offer_id: { kind: "integer", description: "offer id" },
  store_id: { kind: "integer", description: "store id" },
  collection_id: { kind: "integer", description: "collection id" },
  member_gender: { kind: "string", description: "member gender" },
  member_age: { kind: "string", description: "member age group" },
  member_place_id: { kind: "integer", description: "member place id" },
  member_city_place_id: { kind: "integer", description: "member city place id" },
  authorized: { kind: "boolean", description: "authorized usage (e.g. by QR code)" },
  authorization_type: { kind: "string", description: "authorization type" },
} as const satisfies Record<string, FieldSpec>;
export type FilterField = keyof typeof FILTER_FIELDS;
export const FILTER_FIELD_NAMES = Object.keys(FILTER_FIELDS) as FilterField[];

/** Aggregations the report documents (`aggregate_by`). */
export const AGGREGATIONS = [
  "member_gender",
  "member_age",
  "member_city_place_id",
  "member_place_id",
  "authorized",
  "authorization_type",
] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Values the simulator produces for the free-text fields; also used in help texts as examples. */
export const KNOWN_GENDERS = ["female", "male", "other"] as const;
export const KNOWN_AGE_GROUPS = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const;
export const KNOWN_AUTHORIZATION_TYPES = ["qr_code", "manual", "nfc"] as const;

/**
 * Data retention per interval, from the API doc: 5m 14 days, 1h 6 months, 1d 2 years, 1w and 1mo
 * forever. Months and years are counted in calendar units by the validator.
 */
export const RETENTION: Record<Interval, { days?: number; months?: number; years?: number } | null> = {
  "5m": { days: 14 },
  "1h": { months: 6 },
  "1d": { years: 2 },
  "1w": null,
  "1mo": null,
};

/** At most this many buckets per request; more is a 422. */
export const MAX_BUCKETS_PER_REQUEST = 150;
/** Results are silently cut at this many non-null data points. */
export const MAX_DATA_POINTS = 1000;
/** Rate-limit cost of one query of this report, before filter nodes. */
export const REPORT_TOKEN_COST = 3;
