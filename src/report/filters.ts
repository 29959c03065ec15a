import { EN, type Messages } from "../i18n/index.ts";
import type { FilterField } from "../placewise/fields.ts";
import type { Filter, FilterValue } from "../placewise/query.ts";
import { labelInWords } from "./labels.ts";

/**
 * Values listed by name before the rest is counted: 500 offer ids in a Slack context line would
 * be 3 000 characters nobody reads, and Slack cuts a context element at 2 000.
 */
export const MAX_LISTED_VALUES = 10;

const GENDER_WORDS = { female: "filter.women", male: "filter.men", other: "filter.otherGender" } as const;

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[], m: Messages = EN): string {
  if (items.length <= 1) return items[0] ?? "";
  return m.t("list.or", { a: items.slice(0, -1).join(", "), b: items[items.length - 1] as string });
}

function listed(values: readonly FilterValue[], word: (v: FilterValue) => string, m: Messages): string {
  const words = values.slice(0, MAX_LISTED_VALUES).map(word);
  const more = values.length - words.length;
  return more > 0 ? m.t("list.andMore", { items: words.join(", "), n: more }) : orList(words, m);
}

function plain(m: Messages): (v: FilterValue) => string {
  return (v) => (v === null ? m.t("label.unknown") : String(v).replaceAll("_", " "));
}

type IdKey =
  | "filter.offer"
  | "filter.store"
  | "filter.collection"
  | "filter.memberPlace"
  | "filter.memberCity";
type IdPluralKey =
  | "filter.offerPlural"
  | "filter.stores"
  | "filter.collections"
  | "filter.memberPlaces"
  | "filter.memberCities";

function idFilter(singular: IdKey, plural: IdPluralKey, values: readonly FilterValue[], m: Messages): string {
  return m.t(values.length === 1 ? singular : plural, { values: listed(values, plain(m), m) });
}

function genderWord(v: FilterValue, m: Messages): string {
  if (v === null) return m.t("filter.unknownGender");
  const key = GENDER_WORDS[String(v) as keyof typeof GENDER_WORDS];
  return key === undefined ? m.t("filter.gender", { value: String(v) }) : m.t(key);
}

const FILTER_WORDS: Record<FilterField, (values: readonly FilterValue[], m: Messages) => string> = {
  offer_type: (vs, m) => m.t("filter.offers", { values: listed(vs, plain(m), m) }),
  offer_id: (vs, m) => idFilter("filter.offer", "filter.offerPlural", vs, m),
  store_id: (vs, m) => idFilter("filter.store", "filter.stores", vs, m),
  collection_id: (vs, m) => idFilter("filter.collection", "filter.collections", vs, m),
  member_gender: (vs, m) => listed(vs, (v) => genderWord(v, m), m),
  member_age: (vs, m) => m.t("filter.age", { values: listed(vs, plain(m), m) }),
  member_place_id: (vs, m) => idFilter("filter.memberPlace", "filter.memberPlaces", vs, m),
  member_city_place_id: (vs, m) => idFilter("filter.memberCity", "filter.memberCities", vs, m),
  authorized: (vs, m) =>
    m.t("filter.usages", { values: listed(vs, (v) => labelInWords("authorized", v, m), m) }),
  authorization_type: (vs, m) =>
    m.t("filter.authorization", { values: listed(vs, (v) => labelInWords("authorization_type", v, m), m) }),
};

/** The filters of a query as a person would say them: "birthday or welcome offers, women". */
export function filtersInWords(filters: readonly Filter[], m: Messages = EN): string {
  return filters
    .filter((f) => f.values.length > 0)
    .map((f) => FILTER_WORDS[f.field](f.values, m))
    .join(", ");
}

/** The X-Customer value in words: "club 1000941", "clubs 1 and 2", "all clubs"; null for the default. */
export function clubsInWords(customer: string | null, m: Messages = EN): string | null {
  if (customer === null) return null;
  if (customer.startsWith("all=")) return m.t("clubs.all");
  const ids = customer.replace(/^id=/, "").split("_").filter(Boolean);
  if (ids.length <= 1) return m.t("clubs.one", { id: ids[0] ?? customer });
  const list = m.t("list.and", { a: ids.slice(0, -1).join(", "), b: ids[ids.length - 1] as string });
  return m.t("clubs.many", { ids: list });
}
