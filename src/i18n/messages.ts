/**
 * One language's texts and number formats: `messages("nb").t("digest.total")` → "Totalt". Builders
 * take a Messages (or build one from a Lang) and stay pure; English is the default everywhere, so
 * a caller that says nothing gets the same bytes as before languages existed.
 */
import { da } from "./catalogue/da.ts";
import { type Catalogue, en } from "./catalogue/en.ts";
import { fi } from "./catalogue/fi.ts";
import { nb } from "./catalogue/nb.ts";
import { sv } from "./catalogue/sv.ts";
import { DATE_LOCALE, type Lang, NUMBER_LOCALE } from "./languages.ts";

export type MessageKey = keyof typeof en;

/** The `{name}`s of an English text, as a union of names (never when there are none). */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer R}`
  ? P | Placeholders<R>
  : never;
type Values<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [Record<Placeholders<(typeof en)[K]>, string | number>];

/** The keys whose text has no `{placeholder}`: `m.t(key)` takes them alone (choice labels kept in tables). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];

export const CATALOGUES: Record<Lang, Catalogue> = { en, nb, sv, fi, da };

export interface Messages {
  readonly lang: Lang;
  /** luxon/Intl locale for dates and weekday names. */
  readonly dateLocale: string;
  /** The text of `key` with its `{placeholders}` filled in. */
  t<K extends MessageKey>(key: K, ...values: Values<K>): string;
  /** A whole count with the locale's grouping: 12345 → "12,345" (en), "12 345" (nb, no-break space). */
  count(n: number): string;
  /** One decimal with the locale's decimal mark: 2.5 → "2.5" (en), "2,5" (nb). */
  decimal1(n: number): string;
  /** A percentage value (3.4 → "3.4%", "3,4 %"), with 0 or 1 decimals. */
  percent(p: number, decimals: 0 | 1): string;
}

/** Fills `{name}` from `values`; a name without a value stays as written (a test catches it). */
export function fill(text: string, values: Readonly<Record<string, string | number>> | undefined): string {
  if (values === undefined) return text;
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

function build(lang: Lang): Messages {
  const catalogue = CATALOGUES[lang];
  const locale = NUMBER_LOCALE[lang];
  const grouped = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pct = [0, 1].map(
    (d) =>
      new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }),
  );
  return {
    lang,
    dateLocale: DATE_LOCALE[lang],
    t: (key, ...values) => fill(catalogue[key], values[0]),
    count: (n) => grouped.format(Math.round(n)),
    decimal1: (n) => one.format(n),
    percent: (p, decimals) => (pct[decimals] as Intl.NumberFormat).format(p / 100),
  };
}

const BUILT = new Map<Lang, Messages>();

/** The Messages of `lang` (built once per process). */
export function messages(lang: Lang = "en"): Messages {
  let m = BUILT.get(lang);
  if (m === undefined) {
    m = build(lang);
    BUILT.set(lang, m);
  }
  return m;
}

/** English, for builders whose caller names no language. */
export const EN: Messages = messages("en");
