/** The `key=value` words of a query: names, aliases and value checks. */
import { IANAZone } from "luxon";
import { isLang, LANGUAGES, type Lang } from "../i18n/index.ts";
import { InputError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import {
  AGGREGATIONS,
  type Aggregation,
  FILTER_FIELD_NAMES,
  type FieldSpec,
  type FilterField,
  INTERVALS,
  type Interval,
} from "./fields.ts";
import type { FilterValue } from "./query.ts";

export type FilterKey = FilterField | "interval" | "by" | "tz" | "club" | "lang";

const KEY_ALIASES: Record<string, FilterKey> = {
  type: "offer_type",
  offer: "offer_id",
  store: "store_id",
  collection: "collection_id",
  gender: "member_gender",
  age: "member_age",
  place: "member_place_id",
  city: "member_city_place_id",
  auth: "authorized",
  auth_type: "authorization_type",
  timezone: "tz",
  zone: "tz",
  customer: "club",
  group: "by",
  aggregate_by: "by",
  every: "interval",
  language: "lang",
};
const AGG_ALIASES: Record<string, Aggregation> = {
  gender: "member_gender",
  age: "member_age",
  city: "member_city_place_id",
  place: "member_place_id",
  auth: "authorized",
  auth_type: "authorization_type",
  authorization: "authorization_type",
};
const INTERVAL_ALIASES: Record<string, Interval> = {
  "5min": "5m",
  "1hour": "1h",
  hour: "1h",
  hourly: "1h",
  "60m": "1h",
  day: "1d",
  daily: "1d",
  "24h": "1d",
  week: "1w",
  weekly: "1w",
  "7d": "1w",
  month: "1mo",
  monthly: "1mo",
  "1month": "1mo",
};

const KEYS: readonly FilterKey[] = ["interval", "by", "tz", "club", "lang", ...FILTER_FIELD_NAMES];

export function resolveKey(raw: string, help: string): FilterKey {
  const k = raw.toLowerCase();
  if ((KEYS as readonly string[]).includes(k)) return k as FilterKey;
  const alias = KEY_ALIASES[k];
  if (alias !== undefined) return alias;
  if (k === "loyalty_club_id")
    throw new InputError(
      "Choose clubs with `club=1000941` (or club=1000941,1000942), not loyalty_club_id=.",
      raw,
    );
  throw new InputError(
    `\`${raw}=\` is not a query word.${didYouMean(k, [...KEYS, ...Object.keys(KEY_ALIASES)])} Known words: ${help}.`,
    raw,
  );
}

/**
 * `lang=nb`: the language of the digest, alert or reply (src/i18n). The error keeps the word as
 * typed and carries the code `unknown_language`, so a reply can say it in the reader's language.
 */
export function parseLanguage(value: string): Lang {
  const v = value.toLowerCase();
  // "no" and "nn" are what a Norwegian may type; Bokmål is what offer-digest writes.
  if (v === "no" || v === "nn") return "nb";
  if (isLang(v)) return v;
  throw new InputError(
    `\`lang=${value}\` is not a language offer-digest speaks: use ${LANGUAGES.map((l) => `lang=${l}`).join(", ")}.`,
    `lang=${value}`,
    "unknown_language",
  );
}

export function parseInterval(value: string): Interval {
  const v = value.toLowerCase();
  if ((INTERVALS as readonly string[]).includes(v)) return v as Interval;
  const alias = INTERVAL_ALIASES[v];
  if (alias !== undefined) return alias;
  throw new InputError(
    `\`interval=${value}\`: must be one of ${INTERVALS.join(", ")}.${didYouMean(v, INTERVALS)}`,
    value,
  );
}

export function resolveAggregation(value: string): Aggregation {
  const v = value.toLowerCase();
  if ((AGGREGATIONS as readonly string[]).includes(v)) return v as Aggregation;
  const alias = AGG_ALIASES[v];
  if (alias !== undefined) return alias;
  const why =
    v === "offer_type" || v === "store_id" || v === "offer_id"
      ? ` (the report cannot break down by ${v}; filter with ${v}= instead)`
      : "";
  throw new InputError(
    `\`by=${value}\`${why}: must be one of ${AGGREGATIONS.join(", ")}.${didYouMean(v, AGGREGATIONS)}`,
    value,
  );
}

export function parseTimezone(value: string): string {
  if (!IANAZone.isValidZone(value)) {
    throw new InputError(
      `\`tz=${value}\` is not a time zone: use an IANA name like tz=Europe/Oslo or tz=America/New_York.`,
      value,
    );
  }
  // Normalise case ("europe/oslo" → "Europe/Oslo") the way Intl resolves it.
  return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
}

/** `club=1000941`, `club=1000941,1000942` or `club=all` → the X-Customer header value. */
export function parseClub(value: string): string {
  const v = value.toLowerCase();
  if (v === "all") return "all=all";
  const ids = v.split(/[,_]/).filter(Boolean);
  if (ids.length === 0 || ids.length > 50 || !ids.every((id) => /^\d{1,12}$/.test(id))) {
    throw new InputError(
      `\`club=${value}\`: must be a club id like club=1000941, several ids like club=1000941,1000942, or club=all.`,
      value,
    );
  }
  return `id=${[...new Set(ids)].join("_")}`;
}

const MAX_VALUES = 500;
const MAX_TEXT = 100;

export function parseFilterValues(field: FilterField, raw: string, spec: FieldSpec): FilterValue[] {
  const parts = raw.split(",").map((p) => p.trim());
  if (parts.some((p) => p === ""))
    throw new InputError(
      `\`${field}=${raw}\` has an empty value: separate values with single commas, like ${field}=a,b.`,
      raw,
    );
  if (parts.length > MAX_VALUES)
    throw new InputError(`\`${field}=\` has ${parts.length} values: at most ${MAX_VALUES} are allowed.`, raw);
  const values = parts.map((p) => parseOne(field, p, spec));
  return [...new Set(values)];
}

function parseOne(field: FilterField, p: string, spec: FieldSpec): FilterValue {
  switch (spec.kind) {
    case "enum": {
      const v = p.toLowerCase();
      if (spec.values?.includes(v)) return v;
      throw new InputError(
        `\`${field}=${p}\`: must be one of ${spec.values?.join(", ")}.${didYouMean(v, spec.values ?? [])}`,
        p,
      );
    }
    case "integer":
      if (/^\d{1,15}$/.test(p)) return Number(p);
      throw new InputError(
        `\`${field}=${p}\`: must be a whole number (an id), like ${field}=123 or ${field}=123,456.`,
        p,
      );
    case "boolean": {
      const v = p.toLowerCase();
      if (["true", "yes", "1"].includes(v)) return true;
      if (["false", "no", "0"].includes(v)) return false;
      throw new InputError(`\`${field}=${p}\`: must be true or false.`, p);
    }
    case "string":
      if (p.toLowerCase() === "none") return null;
      // Control characters would travel into the API's filter and into Slack text; refuse them.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
      if (p.length > MAX_TEXT || /[\u0000-\u001f]/.test(p)) {
        throw new InputError(
          `\`${field}=\` value is too long or has control characters: at most ${MAX_TEXT} plain characters.`,
          p,
        );
      }
      return p;
  }
}
