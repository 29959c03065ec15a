/**
 * Schedules in words in every language (src/schedule/describe.ts): each language's own weekday names,
 * clock ("08.00" in Finnish and Danish) and grammar; English exactly as before; the cron fallback
 * and the zone the same in all.
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, messages } from "../../src/i18n/index.ts";
import { describeSchedule } from "../../src/schedule/describe.ts";

const Z = "Europe/Oslo";
const say = (cron: string, lang: (typeof LANGUAGES)[number]) => describeSchedule(cron, Z, messages(lang));

describe("schedules in words", () => {
  it("English is unchanged when no language is given", () => {
    expect(describeSchedule("30 7 * * 1,5", Z)).toBe("every Monday and Friday at 07:30 (Europe/Oslo)");
    expect(describeSchedule("0 8 1,15,L * *", Z)).toBe(
      "on days 1, 15 and the last day of every month at 08:00 (Europe/Oslo)",
    );
    expect(say("15 * * * *", "en")).toBe("every hour at :15 (Europe/Oslo)");
  });

  it.each([
    ["0 8 * * *", "hver dag kl. 08:00", "varje dag kl. 08:00", "joka päivä klo 08.00", "hver dag kl. 08.00"],
    [
      "0 8 * * 1-5",
      "alle hverdager kl. 08:00",
      "varje vardag kl. 08:00",
      "joka arkipäivä klo 08.00",
      "alle hverdage kl. 08.00",
    ],
    [
      "30 7 * * 1,5",
      "hver mandag og fredag kl. 07:30",
      "varje måndag och fredag kl. 07:30",
      "joka maanantai ja perjantai klo 07.30",
      "hver mandag og fredag kl. 07.30",
    ],
    [
      "0 8 1 * *",
      "den 1. i hver måned kl. 08:00",
      "dag 1 i varje månad kl. 08:00",
      "joka kuukauden 1. päivä klo 08.00",
      "den 1. i hver måned kl. 08.00",
    ],
    [
      "0 8 1,15,L * *",
      "den 1., 15. og siste dag i hver måned kl. 08:00",
      "dagarna 1, 15 och sista dagen i varje månad kl. 08:00",
      "joka kuukauden 1., 15. ja viimeinen päivä klo 08.00",
      "den 1., 15. og sidste dag i hver måned kl. 08.00",
    ],
    [
      "*/15 * * * *",
      "hvert 15. minutt",
      "med 15 minuters mellanrum",
      "15 minuutin välein",
      "hvert 15. minut",
    ],
    [
      "0 */2 * * *",
      "hver 2. time, på hel time",
      "med 2 timmars mellanrum, på hel timme",
      "2 tunnin välein, tasatunnein",
      "hver 2. time, på hel time",
    ],
  ])("%s in nb, sv, fi and da", (cron, nb, sv, fi, da) => {
    expect(say(cron, "nb")).toBe(`${nb} (${Z})`);
    expect(say(cron, "sv")).toBe(`${sv} (${Z})`);
    expect(say(cron, "fi")).toBe(`${fi} (${Z})`);
    expect(say(cron, "da")).toBe(`${da} (${Z})`);
  });

  it("a day some months lack is noted in the language; a cron without words stays a cron", () => {
    expect(say("0 8 31 * *", "sv")).toBe(
      "dag 31 i varje månad kl. 08:00 (Europe/Oslo); månader utan dag 31 hoppas över",
    );
    expect(say("0 8 31 * *", "fi")).toContain("; kuukaudet, joissa ei ole 31. päivää, ohitetaan");
    for (const lang of LANGUAGES)
      expect(say("*/5 9-17 * * 1-5", lang)).toBe("cron `*/5 9-17 * * 1-5` (Europe/Oslo)");
  });

  it("no English word is left in a Nordic description", () => {
    const crons = [
      "0 8 * * *",
      "0 8 * * 6,0",
      "0 8 1 * 1",
      "0 8 L * *",
      "*/10 * * * *",
      "45 */3 * * *",
      "0 8,12,17 * * *",
    ];
    for (const lang of LANGUAGES.filter((l) => l !== "en"))
      for (const cron of crons)
        expect(say(cron, lang)).not.toMatch(
          /\b(every|day|days|at|and|hours?|minutes?|month|Monday|Saturday|Sunday)\b/,
        );
  });
});
