/**
 * Alert rules in words in every language (src/alerts/describe.ts): English exactly as each detector
 * says it; the Nordic languages from the catalogue, with their own numbers, percentages, clock and
 * weekday abbreviations.
 */
import { describe, expect, it } from "vitest";
import { describeDays, describeRule } from "../../src/alerts/describe.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { LANGUAGES, messages } from "../../src/i18n/index.ts";

const say = (text: string, lang: (typeof LANGUAGES)[number] = "en") =>
  describeRule(parseRule(text).rule, messages(lang));

describe("alert rules in words", () => {
  it("English is unchanged", () => {
    expect(describeRule(parseRule("below 5 per 1h hours=10-21 days=mon-sat").rule)).toBe(
      "fewer than 5 usages per hour for 1 bucket, 10:00–21:00 Mon–Sat",
    );
    expect(say("drop 40% per 1h vs=last_week")).toBe(
      "usage per hour drops 40% or more vs the same time last week for 1 bucket",
    );
  });

  it("Norwegian", () => {
    expect(say("below 5 per 1h hours=10-21 days=mon-sat", "nb")).toBe(
      "under 5 bruk per time i 1 intervall, 10:00–21:00 man.–lør.",
    );
    expect(say("above 1000 per 1d for 3", "nb")).toBe("over 1\u00a0000 bruk per dag i 3 intervaller på rad");
  });

  it("Swedish", () => {
    expect(say("drop 40% per 1h vs=last_week", "sv")).toBe(
      "användningarna per timme minskar med 40\u00a0% eller mer jämfört med samma tid förra veckan under 1 intervall",
    );
    expect(say("anomaly per 1h sensitivity=high direction=low", "sv")).toBe(
      "användningarna per timme är onormalt få (hög känslighet) under 1 intervall",
    );
  });

  it("Finnish", () => {
    expect(say("rise 12.5% per 5m", "fi")).toBe(
      "käytöt 5 minuutin välein lisääntyvät vähintään 12,5\u00a0% verrattuna edelliseen aikaväliin 1 aikavälin ajan",
    );
    expect(say("below 5 per 1h hours=10-21", "fi")).toBe(
      "alle 5 käyttöä tunneittain 1 aikavälin ajan, 10.00–21.00",
    );
  });

  it("Danish", () => {
    expect(say("below 5 per 1h days=mon,wed,fri", "da")).toBe(
      "under 5 brug pr. time i 1 interval, man., ons., fre.",
    );
    expect(say("anomaly per 1h", "da")).toContain(
      "brugen pr. time er unormalt høj eller lav (middel følsomhed)",
    );
  });

  it("no English word is left in a Nordic description; every day is the language's own", () => {
    const rules = [
      "below 5 per 1h for 2 days=mon-sun",
      "above 50 per 5m",
      "drop 30% per 1d",
      "rise 20% per 1h vs=last_week",
      "anomaly per 1h sensitivity=low direction=high",
    ];
    for (const lang of LANGUAGES.filter((l) => l !== "en")) {
      for (const r of rules)
        expect(say(r, lang)).not.toMatch(
          /\b(fewer|more than|usages?|bucket|every|drops|rises|vs|sensitivity)\b/,
        );
      expect(describeDays([1, 2, 3, 4, 5, 6, 7], messages(lang))).toBe(messages(lang).t("sched.everyDay"));
    }
  });
});
