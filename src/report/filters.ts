import type { FilterField } from "../placewise/fields.ts";
import type { Filter, FilterValue } from "../placewise/query.ts";
import { labelInWords } from "./labels.ts";

/**
 * Values listed by name before the rest is counted: 500 offer ids in a Slack context line would
 * be 3 000 characters nobody reads, and Slack cuts a context element at 2 000.
 */
export const MAX_LISTED_VALUES = 10;

const GENDER_WORDS: Record<string, string> = { female: "women", male: "men", other: "other gender" };

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function listed(values: readonly FilterValue[], word: (v: FilterValue) => string): string {
  const words = values.slice(0, MAX_LISTED_VALUES).map(word);
  const more = values.length - words.length;
  return more > 0 ? `${words.join(", ")} and ${more} more` : orList(words);
}

function plain(v: FilterValue): string {
  return v === null ? "unknown" : String(v).replaceAll("_", " ");
}

function idFilter(singular: string, plural: string, values: readonly FilterValue[]): string {
  return `${values.length === 1 ? singular : plural} ${listed(values, plain)}`;
}

const FILTER_WORDS: Record<FilterField, (values: readonly FilterValue[]) => string> = {
  offer_type: (vs) => `${listed(vs, plain)} offers`,
  offer_id: (vs) => idFilter("offer", "offers", vs),
  store_id: (vs) => idFilter("store", "stores", vs),
  collection_id: (vs) => idFilter("collection", "collections", vs),
  member_gender: (vs) =>
    listed(vs, (v) => (v === null ? "unknown gender" : (GENDER_WORDS[String(v)] ?? `gender ${v}`))),
  member_age: (vs) => `age ${listed(vs, plain)}`,
  member_place_id: (vs) => idFilter("member place", "member places", vs),
  member_city_place_id: (vs) => idFilter("member city", "member cities", vs),
  authorized: (vs) => `${listed(vs, (v) => labelInWords("authorized", v))} usages`,
  authorization_type: (vs) => `${listed(vs, (v) => labelInWords("authorization_type", v))} authorization`,
};

/** The filters of a query as a person would say them: "birthday or welcome offers, women". */
export function filtersInWords(filters: readonly Filter[]): string {
  return filters
    .filter((f) => f.values.length > 0)
    .map((f) => FILTER_WORDS[f.field](f.values))
    .join(", ");
}

/** The X-Customer value in words: "club 1000941", "clubs 1 and 2", "all clubs"; null for the default. */
export function clubsInWords(customer: string | null): string | null {
  if (customer === null) return null;
  if (customer.startsWith("all=")) return "all clubs";
  const ids = customer.replace(/^id=/, "").split("_").filter(Boolean);
  if (ids.length <= 1) return `club ${ids[0] ?? customer}`;
  return `clubs ${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1]}`;
}
