import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../../src/i18n/index.ts";

/**
 * One word per product concept in each language: a person who reads "Oversikt #4" in the channel
 * list must meet the same word in the form, the help and the direct messages. The English keys that
 * name a digest (a scheduled subscription's message) or an alert decide which texts must use the word;
 * "report" (the on-demand `/offers report`) is a different concept and keeps its own word.
 */
const TERMS = {
  nb: { digest: /oversikt/i, alert: /varsl|varsel/i, notDigest: /rapport/i, notAlert: null },
  sv: { digest: /sammanställning/i, alert: /larm/i, notDigest: /rapport/i, notAlert: /avis/i },
  fi: { digest: /kooste/i, alert: /hälyt/i, notDigest: /raport/i, notAlert: null },
  da: { digest: /oversigt/i, alert: /alarm/i, notDigest: /rapport/i, notAlert: /advar/i },
} as const;

const en = CATALOGUES.en as Record<string, string>;
/** English texts naming the concept; the bot's own name @offer-digest does not count. */
const namesDigest = (k: string) => /digest/i.test((en[k] ?? "").replace(/offer-digest/g, ""));
const namesAlert = (k: string) => /\balerts?\b/i.test((en[k] ?? "").replace(/`[^`]*`/g, ""));
const namesReport = (k: string) => /\breports?\b/i.test(en[k] ?? "");

describe("one term per concept", () => {
  it("the English source names digests and alerts in many texts (so the checks below check something)", () => {
    expect(Object.keys(en).filter(namesDigest).length).toBeGreaterThan(20);
    expect(Object.keys(en).filter(namesAlert).length).toBeGreaterThan(30);
  });

  for (const [lang, t] of Object.entries(TERMS)) {
    const cat = CATALOGUES[lang as keyof typeof TERMS] as Record<string, string>;

    it(`${lang}: every text about a digest says ${t.digest.source}`, () => {
      const missing = Object.keys(en).filter((k) => namesDigest(k) && !t.digest.test(cat[k] ?? ""));
      expect(missing).toEqual([]);
    });

    it(`${lang}: ${t.notDigest.source} only where the English says report`, () => {
      const stray = Object.keys(en).filter((k) => t.notDigest.test(cat[k] ?? "") && !namesReport(k));
      expect(stray).toEqual([]);
    });

    it(`${lang}: every text about an alert says ${t.alert.source}`, () => {
      const missing = Object.keys(en).filter((k) => namesAlert(k) && !t.alert.test(cat[k] ?? ""));
      expect(missing).toEqual([]);
      if (t.notAlert) {
        const other = t.notAlert;
        expect(Object.keys(cat).filter((k) => other.test(cat[k] ?? ""))).toEqual([]);
      }
    });
  }
});
