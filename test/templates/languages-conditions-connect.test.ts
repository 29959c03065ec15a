/**
 * Conditional delivery (`when=`), the CSV file and the Placewise connect modal and replies in every
 * language: the words are the language's own, English stays as it was, and the modal and the Home
 * tab's connection blocks stay within Slack's limits.
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, messages } from "../../src/i18n/index.ts";
import {
  optionsInWords,
  skippedStatusText,
  skipReasonInWords,
  skipReasonText,
} from "../../templates/conditions.ts";
import {
  connectedReply,
  connectionBlocks,
  connectModal,
  demoConnectedReply,
  disconnectedReply,
  notConnectedReply,
  onlyAdminsReply,
} from "../../templates/connect.ts";
import {
  csvCooldownReply,
  csvFileComment,
  csvFileTitle,
  csvPostedReply,
} from "../../templates/digest-csv.ts";

const nb = messages("nb");
const sv = messages("sv");
const fi = messages("fi");
const da = messages("da");

describe("when= and csv= in every language", () => {
  it("the stored reason stays English; the list says it in the reader's language", () => {
    const stored = skipReasonText({ skip: true, code: "unchanged", percent: -3.24, threshold: 10 });
    expect(stored).toBe("changed -3.2% (needs more than 10%)");
    expect(skipReasonInWords(stored, nb)).toBe("endret -3,2\u00a0% (må være over 10\u00a0%)");
    expect(skipReasonInWords("no usages", fi)).toBe("ei käyttöjä");
    expect(skipReasonInWords(stored, messages("en"))).toBe(stored);
    // A reason it does not know (an older wording) is shown as stored, not dropped.
    expect(skipReasonInWords("something else", sv)).toBe("something else");
  });

  it("the skipped status: a time today, or a day and time", () => {
    expect(skippedStatusText("08:00", "no usages")).toBe("skipped at 08:00: no usages");
    expect(skippedStatusText("08:00", "no usages", nb, true)).toBe("hoppet over kl. 08:00: ingen bruk");
    expect(skippedStatusText("tis 1 sep. 08:00", "no usages", sv)).toBe(
      "hoppades över tis 1 sep. 08:00: inga användningar",
    );
    expect(skippedStatusText("08.00", "no usages", da, true)).toBe("sprunget over kl. 08.00: ingen brug");
  });

  it("the subscribe answer states the options in the reader's language", () => {
    const o = { when: { kind: "changed" as const, percent: 10 }, csv: true };
    expect(optionsInWords(o)).toBe(
      "Posted only when the total moved more than 10% (the default for `when=changed`) against the previous period. Each digest gets its numbers as a CSV file in its thread.",
    );
    expect(optionsInWords(o, sv)).toContain("mer än 10\u00a0% (standard för `when=changed`)");
    expect(optionsInWords({ when: { kind: "nonzero" }, csv: false }, fi)).toBe(
      "Ohitetaan, kun käyttöjä ei ole.",
    );
    expect(optionsInWords({ when: { kind: "changed", percent: 25 }, csv: false }, da)).toBe(
      "Sendes kun, når totalen har ændret sig mere end 25\u00a0% i forhold til forrige periode.",
    );
  });

  it("the CSV file's title and comment, and the button's answers", () => {
    expect(csvFileTitle("Offer usages")).toBe("Numbers: Offer usages");
    expect(csvFileComment(48, 12330)).toContain(
      "48 rows (one per bucket and label, local and UTC time), 12,330 usages",
    );
    expect(csvFileTitle("Brug af tilbud", da)).toBe("Tal: Brug af tilbud");
    expect(csvFileComment(48, 12330, da)).toContain("48 rækker");
    expect(csvFileComment(48, 12330, da)).toContain("i alt 12.330 brug");
    expect(csvFileComment(48, 12330, nb)).toContain("totalt 12\u00a0330 bruk");
    expect(csvCooldownReply(30, sv).text).toContain("Försök igen om 30 s.");
    expect(csvPostedReply(fi).text).toBe("CSV on koosteen viestiketjussa.");
  });
});

describe("connecting Placewise in every language", () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: the modal and the Home blocks stay within Slack's limits, ids unchanged`, () => {
      const m = messages(lang);
      const modal = connectModal("C1", m) as {
        title: { text: string };
        submit: { text: string };
        close: { text: string };
        blocks: { block_id?: string; element?: { options?: { text: { text: string }; value: string }[] } }[];
      };
      for (const t of [modal.title, modal.submit, modal.close]) expect(t.text.length).toBeLessThanOrEqual(24);
      expect(modal.blocks.map((b) => b.block_id)).toEqual([undefined, "customer", "token_kind", "token"]);
      expect(modal.blocks[2]?.element?.options?.map((o) => o.value)).toEqual(["client", "user"]);
      for (const connected of [true, false]) {
        const blocks = JSON.stringify(connectionBlocks({ connected, customer: "1000941" }, m));
        expect(blocks).toContain("placewise_connect_open");
        for (const [, text] of blocks.matchAll(/"text":"([^"]*)","emoji"/g))
          expect((text as string).length).toBeLessThanOrEqual(75);
      }
      for (const r of [
        notConnectedReply(m),
        disconnectedReply(3, m),
        connectedReply("1000941", "Europe/Oslo", m),
      ])
        expect(r.text.length).toBeLessThan(3000);
    });
  }

  it("the words are each language's own, English unchanged", () => {
    expect((connectModal(null) as { title: { text: string } }).title.text).toBe("Connect Placewise");
    expect((connectModal(null, nb) as { title: { text: string } }).title.text).toBe("Koble til Placewise");
    expect(notConnectedReply().text).toContain(
      "type `/offers connect` in any channel (or press *Connect Placewise* on the bot's Home tab) and enter",
    );
    expect(notConnectedReply(sv).text).toContain("skriv `/offers connect` i valfri kanal");
    expect(connectedReply("1000941", "Europe/Helsinki", fi).text).toBe(
      "Placewise on yhdistetty asiakkaalle 1000941: tämän työtilan raportit, koosteet ja hälytykset käyttävät sitä nyt. Klubin aikavyöhyke: Europe/Helsinki.",
    );
    expect(demoConnectedReply(null).text).toBe(
      "Demo data connected: reports, digests and alerts of this workspace now show the built-in simulator's numbers, not your club's, and every message says so. `/offers connect` with your customer id and token replaces it.",
    );
    expect(disconnectedReply(2, da).text).toContain("2 oversigter og alarmer er sat på pause");
    expect(disconnectedReply(0).text).toBe(
      "Placewise access removed from this workspace; its token is deleted. To connect again, type `/offers connect` in any channel (or press *Connect Placewise* on the bot's Home tab).",
    );
    expect(onlyAdminsReply(nb).text).toContain("Bare en administrator");
    expect(JSON.stringify(connectionBlocks({ connected: true, customer: "7" }, da))).toContain(
      "Placewise er forbundet (kunde 7)",
    );
  });
});
