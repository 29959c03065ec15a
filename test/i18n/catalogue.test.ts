import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { CATALOGUES, DATE_LOCALE, fill, LANGUAGES, messages } from "../../src/i18n/index.ts";

const en = CATALOGUES.en;
const keys = Object.keys(en).sort();

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] as string))].sort();
}

describe("message catalogues", () => {
  for (const lang of LANGUAGES) {
    const cat = CATALOGUES[lang] as Record<string, string>;

    it(`${lang} has every English key and no other`, () => {
      expect(Object.keys(cat).sort()).toEqual(keys);
    });

    it(`${lang} uses exactly the English placeholders in every text`, () => {
      const differ = keys.filter(
        (k) => placeholders(cat[k] ?? "").join() !== placeholders(en[k as keyof typeof en]).join(),
      );
      expect(differ).toEqual([]);
    });

    it(`${lang} has no empty text and no stray braces`, () => {
      for (const k of keys) {
        expect(cat[k]?.trim(), k).not.toBe("");
        expect(cat[k]?.replace(/\{[a-zA-Z]+\}/g, ""), k).not.toMatch(/[{}]/);
      }
    });

    it(`${lang} date formats give real dates in its own locale`, () => {
      const dt = DateTime.fromISO("2026-11-26T08:05", { zone: "Europe/Oslo" }).setLocale(DATE_LOCALE[lang]);
      for (const k of keys.filter((k) => k.startsWith("fmt."))) {
        const out = dt.toFormat(cat[k] as string);
        expect(out, k).not.toMatch(/Invalid|[a-zA-Z]{5,}yyyy/);
        expect(out, k).toMatch(/\d/);
      }
    });
  }

  it("the Nordic catalogues are translations, not copies of English", () => {
    for (const lang of LANGUAGES.filter((l) => l !== "en")) {
      const cat = CATALOGUES[lang] as Record<string, string>;
      const same = keys.filter((k) => !k.startsWith("fmt.") && cat[k] === en[k as keyof typeof en]);
      // Only texts that are the same in every language (a dash between two numbers, "NFC", "{n} min") may match.
      expect(same.length, `${lang}: ${same.join(", ")}`).toBeLessThan(12);
    }
  });

  it("fills named placeholders and leaves unknown ones visible", () => {
    expect(fill("{a} and {b}", { a: 1, b: "x" })).toBe("1 and x");
    expect(fill("{a} and {c}", { a: 1 })).toBe("1 and {c}");
    expect(messages("nb").t("digest.atLeast", { n: "5" })).toBe("minst 5");
  });

  it("formats numbers by the locale: 12 345 with a no-break space in nb, sv, fi; a dot in da; a comma in en", () => {
    expect(messages("en").count(12345)).toBe("12,345");
    expect(messages("nb").count(12345)).toBe("12\u00a0345");
    expect(messages("sv").count(12345)).toBe("12\u00a0345");
    expect(messages("fi").count(12345)).toBe("12\u00a0345");
    expect(messages("da").count(12345)).toBe("12.345");
    expect(messages("nb").decimal1(2.5)).toBe("2,5");
    expect(messages("en").percent(3.4, 1)).toBe("3.4%");
    expect(messages("nb").percent(3.4, 1)).toBe("3,4\u00a0%");
  });
});
