/**
 * The languages offer-digest speaks (`lang=en|nb|sv|fi|da`, `DEFAULT_LANGUAGE`, the App Home
 * setting) and the locales their numbers and dates are formatted in. No project imports: config
 * and every layer above may use it (ARCHITECTURE.md, "Layers").
 */
export const LANGUAGES = ["en", "nb", "sv", "fi", "da"] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Numbers: English keeps "12,345" (en-US, templates/format.ts explains why); the Nordic locales
 * group with a no-break space (nb, sv, fi) or a dot (da) and use a decimal comma, as Intl says.
 */
export const NUMBER_LOCALE: Record<Lang, string> = {
  en: "en-US",
  nb: "nb-NO",
  sv: "sv-SE",
  fi: "fi-FI",
  da: "da-DK",
};

/** Dates (luxon setLocale): English keeps en-GB ("Thu 26 Nov"), the others their own weekday names. */
export const DATE_LOCALE: Record<Lang, string> = {
  en: "en-GB",
  nb: "nb-NO",
  sv: "sv-SE",
  fi: "fi-FI",
  da: "da-DK",
};
