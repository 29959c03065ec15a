/**
 * The forms in every language: the modal's title, labels, choices and hints are the language's own,
 * its block ids and option values are the same in all five (the listener reads them back), and every
 * shape stays within Slack's limits (title and buttons 24 characters, options 75, 100 blocks).
 */
import { describe, expect, it } from "vitest";
import { PIPELINE } from "../../src/app/pipeline.ts";
import { LANGUAGES, type Lang, messages } from "../../src/i18n/index.ts";
import { type FormMeta, formView } from "../../src/slack/forms/check.ts";
import { defaultState, type FormState, type ScheduleKind } from "../../src/slack/forms/state.ts";
import { FORM_BLOCKS, formTexts } from "../../templates/forms.ts";

const deps = {
  clock: { now: () => Date.parse("2025-08-27T08:07:00Z") },
  defaultTimezone: "Europe/Oslo",
  minScheduleMinutes: 5,
  pipeline: PIPELINE,
};

interface Block {
  type: string;
  block_id?: string;
  label?: { text: string };
  hint?: { text: string };
  element?: { placeholder?: { text: string }; options?: { text: { text: string }; value: string }[] };
  text?: { text: string };
}

function view(lang: Lang | undefined, state: FormState, editId: number | null = null, channel = "C1") {
  const meta: FormMeta = {
    channel,
    editId,
    canSwitchKind: editId === null,
    state,
    ...(lang ? { lang } : {}),
  };
  return formView(deps, meta);
}

function blocksOf(v: ReturnType<typeof formView>): Block[] {
  return v.blocks as unknown as Block[];
}

/** Every shape of both forms: each schedule and delivery choice, each alert rule, new and edit. */
function shapes(): FormState[] {
  const digest = defaultState("digest", "Europe/Oslo");
  const alert = defaultState("alert", "Europe/Oslo");
  const schedules: ScheduleKind[] = ["daily", "weekdays", "weekly", "monthly", "cron"];
  return [
    ...schedules.map((schedule) => ({ ...digest, schedule, when: "changed" as const, csv: true })),
    ...["below", "above", "drop", "rise", "anomaly"].map((rule) => ({ ...alert, rule })),
    { ...digest, clubs: "1000941,1000942", by: "member_gender", types: ["birthday"] },
  ];
}

const TITLES: Record<Lang, [string, string, string]> = {
  en: ["New digest", "New alert", "Edit #12"],
  nb: ["Ny oversikt", "Nytt varsel", "Rediger #12"],
  sv: ["Ny sammanställning", "Nytt larm", "Redigera #12"],
  fi: ["Uusi kooste", "Uusi hälytys", "Muokkaa #12"],
  da: ["Ny oversigt", "Ny alarm", "Rediger #12"],
};

describe("the forms in every language", () => {
  const english = shapes().map((s) => blocksOf(view(undefined, s)));

  for (const lang of LANGUAGES) {
    it(`${lang}: titles, and every shape within Slack's limits with the same ids and values as English`, () => {
      const [newDigest, newAlert, edit] = TITLES[lang];
      expect(view(lang, defaultState("digest", "Europe/Oslo")).title.text).toBe(newDigest);
      expect(view(lang, defaultState("alert", "Europe/Oslo")).title.text).toBe(newAlert);
      expect(view(lang, defaultState("digest", "Europe/Oslo"), 12).title.text).toBe(edit);
      shapes().forEach((state, i) => {
        for (const v of [view(lang, state), view(lang, state, 123456789, "")]) {
          expect(v.title.text.length).toBeLessThanOrEqual(24);
          expect(v.submit?.text.length ?? 0).toBeLessThanOrEqual(24);
          expect(v.close?.text.length ?? 0).toBeLessThanOrEqual(24);
          expect(v.blocks.length).toBeLessThanOrEqual(100);
          for (const b of blocksOf(v)) {
            expect(b.label?.text.length ?? 0).toBeLessThanOrEqual(2000);
            expect(b.hint?.text.length ?? 0).toBeLessThanOrEqual(2000);
            expect(b.element?.placeholder?.text.length ?? 0).toBeLessThanOrEqual(150);
            for (const o of b.element?.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
          }
        }
        const ids = (bs: Block[]) =>
          bs.map((b) => [b.block_id, (b.element?.options ?? []).map((o) => o.value)]);
        expect(ids(blocksOf(view(lang, state)))).toEqual(ids(english[i] as Block[]));
      });
    });
  }

  it("English is the default: no language in the metadata gives the English form", () => {
    const en = JSON.stringify(view("en", defaultState("digest", "Europe/Oslo")).blocks);
    expect(JSON.stringify(view(undefined, defaultState("digest", "Europe/Oslo")).blocks)).toBe(en);
    expect(en).toContain('"text":"Period"');
    expect(en).toContain("*Next runs*");
  });

  it("nb: labels, choices and hints are Norwegian, and the next runs are in Norwegian", () => {
    const text = JSON.stringify(
      view("nb", { ...defaultState("digest", "Europe/Oslo"), when: "changed" }).blocks,
    );
    for (const word of [
      "Periode",
      "Siste 24 timer",
      "Tilbudstyper",
      "Bursdag",
      "Inndeling",
      "Medlemmets kjønn",
    ])
      expect(text).toContain(word);
    for (const word of ["Tidssone", "Endret med mer enn (%)", "Mot forrige periode; tomt betyr 10 %."])
      expect(text).toContain(word);
    expect(text).toContain("*Neste kjøringer*");
    expect(text).toContain("tor. 28. aug kl. 08:00 Europe/Oslo");
    expect(text).not.toMatch(/Period"|Next runs|Every day|Pick a/);
  });

  it("sv: the alert form's rule choices; fi: the weekly day; da: the monthly day", () => {
    const sv = JSON.stringify(view("sv", defaultState("alert", "Europe/Oslo")).blocks);
    expect(sv).toContain("Larma när");
    expect(sv).toContain("Färre än N användningar");
    expect(sv).toContain("Ett antal användningar, till exempel 5");
    const fi = JSON.stringify(
      view("fi", { ...defaultState("digest", "Europe/Oslo"), schedule: "weekly" }).blocks,
    );
    expect(fi).toContain("Viikonpäivä");
    expect(fi).toContain("Perjantai");
    const da = JSON.stringify(
      view("da", { ...defaultState("digest", "Europe/Oslo"), schedule: "monthly" }).blocks,
    );
    expect(da).toContain("Den 28.");
    expect(da).toContain("Sidste dag");
  });

  it("a lang= in the form's own words wins over the workspace's (an edited subscription's lang=)", () => {
    const state = { ...defaultState("digest", "Europe/Oslo"), extra: "lang=da" };
    expect(view("nb", state, 7).title.text).toBe("Rediger #7");
    expect(JSON.stringify(view("nb", state, 7).blocks)).toContain("Næste kørsler");
  });

  it("the refusals on a submitted form are said in its language", () => {
    expect(formTexts(messages("nb")).noChannel).toBe("Velg kanalen den skal legges ut i.");
    expect(formTexts(messages("sv")).notMember).toContain("Du är inte medlem i den kanalen");
    expect(formTexts(messages("fi")).botNotMember).toContain("/invite @offer-digest");
    expect(formTexts(messages("da")).saved("#4")).toBe("Gemt fra formularen: #4");
    expect(formTexts().noChannel).toBe("Pick the channel it should post in.");
  });

  it("keeps the block ids (a modal open in someone's Slack still uses them)", () => {
    const ids = blocksOf(view("fi", defaultState("digest", "Europe/Oslo"))).map((b) => b.block_id);
    expect(ids).toContain(FORM_BLOCKS.range);
    expect(ids).toContain(FORM_BLOCKS.preview);
  });
});
