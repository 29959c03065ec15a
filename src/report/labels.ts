import type { Aggregation, Interval } from "../placewise/fields.ts";

type LabelValue = string | number | boolean | null | undefined;

const AGGREGATION_WORDS: Record<Aggregation, string> = {
  member_gender: "member gender",
  member_age: "member age",
  member_city_place_id: "member city",
  member_place_id: "member place",
  authorized: "authorization",
  authorization_type: "authorization type",
};

const AUTHORIZATION_TYPE_WORDS: Record<string, string> = { qr_code: "QR code", nfc: "NFC", manual: "manual" };

export function aggregationInWords(by: Aggregation): string {
  return AGGREGATION_WORDS[by];
}

/**
 * One breakdown label as a person reads it: `female` stays, `true` becomes "authorized", a place id
 * becomes "place 42", and a null (the API's "not known") becomes "unknown".
 */
export function labelInWords(by: Aggregation, value: LabelValue): string {
  if (value === null || value === undefined || value === "") return "unknown";
  switch (by) {
    case "authorized":
      // The API sends booleans; a label that went through a cache or a CSV may be the string.
      return value === true || value === "true" ? "authorized" : "not authorized";
    case "member_place_id":
      return `place ${value}`;
    case "member_city_place_id":
      return `city ${value}`;
    case "authorization_type":
      return AUTHORIZATION_TYPE_WORDS[String(value)] ?? String(value).replaceAll("_", " ");
    default:
      return String(value);
  }
}

/** "per 5 minutes", "per hour", ... for titles. */
export const INTERVAL_WORDS: Record<Interval, string> = {
  "5m": "per 5 minutes",
  "1h": "per hour",
  "1d": "per day",
  "1w": "per week",
  "1mo": "per month",
};

/** `n` buckets of `interval` as a length: "hour", "2 hours", "15 minutes". */
export function bucketsInWords(n: number, interval: Interval): string {
  if (interval === "5m") return `${n * 5} minutes`;
  const unit = { "1h": "hour", "1d": "day", "1w": "week", "1mo": "month" }[interval];
  return n === 1 ? unit : `${n} ${unit}s`;
}
