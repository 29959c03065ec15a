import { EN, type Messages } from "../i18n/index.ts";
import type { Aggregation, Interval } from "../placewise/fields.ts";

type LabelValue = string | number | boolean | null | undefined;

const AUTHORIZATION_TYPE_WORDS = {
  qr_code: "label.qrCode",
  nfc: "label.nfc",
  manual: "label.manual",
} as const;

export function aggregationInWords(by: Aggregation, m: Messages = EN): string {
  return m.t(`agg.${by}`);
}

/**
 * One breakdown label as a person reads it: `female` stays, `true` becomes "authorized", a place id
 * becomes "place 42", and a null (the API's "not known") becomes "unknown".
 */
export function labelInWords(by: Aggregation, value: LabelValue, m: Messages = EN): string {
  if (value === null || value === undefined || value === "") return m.t("label.unknown");
  switch (by) {
    case "authorized":
      // The API sends booleans; a label that went through a cache or a CSV may be the string.
      return value === true || value === "true" ? m.t("label.authorized") : m.t("label.notAuthorized");
    case "member_place_id":
      return m.t("label.place", { id: String(value) });
    case "member_city_place_id":
      return m.t("label.city", { id: String(value) });
    case "authorization_type": {
      const key = AUTHORIZATION_TYPE_WORDS[String(value) as keyof typeof AUTHORIZATION_TYPE_WORDS];
      return key === undefined ? String(value).replaceAll("_", " ") : m.t(key);
    }
    default:
      return String(value);
  }
}

/** "per hour" in a language. */
export function intervalWords(interval: Interval, m: Messages = EN): string {
  return m.t(`per.${interval}`);
}

const LENGTH = {
  "1h": ["len.hour", "len.hours"],
  "1d": ["len.day", "len.days"],
  "1w": ["len.week", "len.weeks"],
  "1mo": ["len.month", "len.months"],
} as const;

/** `n` buckets of `interval` as a length: "hour", "2 hours", "15 minutes". */
export function bucketsInWords(n: number, interval: Interval, m: Messages = EN): string {
  if (interval === "5m") return m.t("len.minutes", { n: n * 5 });
  const [one, many] = LENGTH[interval];
  return n === 1 ? m.t(one) : m.t(many, { n });
}
