/**
 * Every message builder in every language: the words are the language's own, numbers and weekday
 * names follow its locale, and nothing breaks Slack's limits (the same checks as the English tests,
 * slack-limits.ts, over all five catalogues and with long, hostile inputs).
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, type Lang, messages } from "../../src/i18n/index.ts";
import { buildReport } from "../../src/report/build.ts";
import { type AlertMessageInput, firingMessage, resolvedMessage } from "../../templates/alert.ts";
import { decidedPreview, previewMessage } from "../../templates/alert-preview.ts";
import { digestMessage } from "../../templates/digest.ts";
import { helpReply } from "../../templates/help.ts";
import { homeView, type ItemSummary, listReply } from "../../templates/item-list.ts";
import { digestFailedNotice, digestPausedNotice, runsSkippedNotice } from "../../templates/notices.ts";
import { alertSavedReply, errorReply, subscribedReply } from "../../templates/replies.ts";
import { at, constant, makePrevious, makeQuery, makeResult } from "../report/fixtures.ts";
import { slackProblems } from "./slack-limits.ts";

const AFTER = { now: at("2025-08-03T06:00:00Z"), dataLagMinutes: 15 };

/** Saturday 2 August 2025 in Oslo by hour: 12,330 usages against 9,864 on Friday, peak 830 at 14:00. */
function saturday(lang: Lang, aggregateBy: "member_gender" | null = null) {
  const q = makeQuery({
    from: "2025-08-01T22:00:00Z",
    to: "2025-08-02T22:00:00Z",
    previousFrom: "2025-07-31T22:00:00Z",
    previousTo: "2025-08-01T22:00:00Z",
    customer: "id=1000941",
    aggregateBy,
    filters: [{ field: "offer_type", values: ["birthday", "welcome"] }],
  });
  const values = constant(24, 500);
  values[14] = 830;
  const series =
    aggregateBy === null
      ? [{ values }]
      : [
          { label: { member_gender: "female" }, values },
          { label: { member_gender: null }, values: constant(24, 1) },
        ];
  return buildReport(makeResult(q, series), makePrevious(q, [{ values: constant(24, 411) }]), {
    ...AFTER,
    lang,
  });
}

function all(m: { text?: string; blocks?: unknown[] }): string {
  return `${m.text ?? ""}\n${JSON.stringify(m.blocks ?? [])}`;
}

const MIN = 60_000;
const START = Date.parse("2026-11-14T13:00:00Z"); // Sat 14 Nov 2026 14:00 in Oslo

function alertInput(lang: Lang): AlertMessageInput {
  return {
    ruleId: 12,
    ruleText: "below 5 per 1h",
    kind: "below",
    interval: "1h",
    timezone: "Europe/Oslo",
    filters: [{ field: "offer_type", values: ["birthday"] }],
    customer: null,
    byWords: null,
    label: "",
    at: START + 60 * MIN,
    value: 12345,
    expected: null,
    low: 5,
    high: null,
    reason: "2 is below 5",
    incidentStartedAt: START,
    intervalNote: null,
    lang,
  };
}

/** Words each language must use, and the weekday of Saturday in its locale. */
const EXPECT: Record<Lang, { usages: RegExp; total: string; saturday: RegExp; thousands: string }> = {
  en: { usages: /Offer usages/, total: "*Total*", saturday: /\bSat\b/, thousands: "12,330" },
  nb: { usages: /Bruk av tilbud/, total: "*Totalt*", saturday: /\blør\./, thousands: "12\u00a0330" },
  sv: {
    usages: /Användningar av erbjudanden/,
    total: "*Totalt*",
    saturday: /\blör\b/,
    thousands: "12\u00a0330",
  },
  fi: { usages: /Tarjousten käytöt/, total: "*Yhteensä*", saturday: /\bla\b/, thousands: "12\u00a0330" },
  da: { usages: /Brug af tilbud/, total: "*I alt*", saturday: /\blør\./, thousands: "12.330" },
};

describe.each(LANGUAGES)("messages in %s", (lang) => {
  const e = EXPECT[lang];

  it("a digest says usages in the language, groups thousands by the locale and names the weekday in it", () => {
    const message = digestMessage(saturday(lang), { chart: { fileId: "F1", altText: "chart" } });
    const text = all(message);
    expect(text).toMatch(e.usages);
    expect(text).toContain(`${e.total}\\n${e.thousands}`);
    // The peak is at Sat 14:00 Oslo time.
    const fields = message.blocks[1]?.type === "section" ? (message.blocks[1].fields ?? []) : [];
    expect(fields[2]?.text).toMatch(e.saturday);
    expect(slackProblems(message)).toEqual([]);
  });

  it("a digest with a breakdown names the rows and the aggregation in the language", () => {
    const report = saturday(lang, "member_gender");
    const text = all(digestMessage(report));
    expect(text).toContain(messages(lang).t("agg.member_gender"));
    expect(text).toContain(messages(lang).t("label.unknown"));
  });

  it("an alert firing and resolved message are in the language and within Slack's limits", () => {
    const m = messages(lang);
    const firing = firingMessage(alertInput(lang), START + 2 * 60 * MIN);
    expect(all(firing)).toContain(m.t("alert.expected"));
    expect(all(firing)).toContain(m.t("alert.snooze1h"));
    expect(all(firing)).toContain(m.count(12345));
    expect(slackProblems(firing)).toEqual([]);
    const resolved = resolvedMessage(alertInput(lang), START + 3 * 60 * MIN);
    expect(all(resolved)).toContain(m.t("alert.resolvedHeader", { title: "below 5 per 1h" }));
    expect(all(resolved)).toContain(m.t("dur.h", { h: 3 }));
    expect(slackProblems(resolved)).toEqual([]);
  });

  it("help, an error reply, the list and the Home tab are in the language; commands stay as typed", () => {
    const m = messages(lang);
    const help = helpReply(m);
    expect(all(help)).toContain(m.t("help.title"));
    expect(all(help)).toContain("/offers report last 7d interval=1d");
    expect(all(help)).toContain("lang=en|nb|sv|fi|da");
    expect(slackProblems({ text: help.text, blocks: help.blocks ?? [] })).toEqual([]);
    const error = errorReply("`lastt` is not a word", m);
    expect(all(error)).toContain("`lastt`");
    expect(all(error)).toContain(m.t("reply.helpHint"));
    const items: ItemSummary[] = [
      {
        id: 3,
        kind: "digest",
        channelId: "C1",
        what: "every day at 08:00",
        query: "last 24h lang=nb",
        state: "paused",
        pausedReason: "bot removed",
        nextRun: "Thu 26 Nov 08:00 Europe/Oslo",
        status: null,
      },
    ];
    expect(all(listReply(items, m))).toContain(m.t("list.paused"));
    const home = homeView(items, m, { chosen: lang, fallback: "en" });
    expect(all(home)).toContain(m.t("home.header"));
    expect(all(home)).toContain("static_select");
  });

  it("the creator's notices are in the language, with the command to type kept as typed", () => {
    const m = messages(lang);
    const paused = digestPausedNotice({ id: 7, channelId: "C1", reason: "bot removed" }, m).text;
    expect(paused).toContain("<#C1>");
    expect(paused).toContain("`/offers resume 7`");
    expect(paused).toBe(
      m.t("notice.digestPaused", {
        id: 7,
        channel: "<#C1>",
        reason: "bot removed",
        resume: "`/offers resume 7`",
      }),
    );
    const failed = digestFailedNotice(
      { id: 7, scheduledAt: START, timezone: "Europe/Oslo", reason: "x" },
      m,
    ).text;
    expect(failed).toMatch(e.saturday);
    const skipped = runsSkippedNotice(
      { id: 7, timezone: "Europe/Oslo", at: [START, START + 3_600_000], catchUpHours: 6 },
      m,
    ).text;
    expect(skipped).toContain("6");
    if (lang !== "en") expect(skipped).not.toContain("were skipped");
  });

  it("the alert preview DM is in the language, and deciding it takes away its buttons and their hint", () => {
    const m = messages(lang);
    const dm = previewMessage(
      {
        ruleId: 4,
        ruleText: "below 5 per 1h",
        ruleWords: "fewer than 5",
        queryWords: "",
        timezone: "Europe/Oslo",
        channelId: "C1",
        sentence: "s",
        lang,
      },
      { fileId: "F1", altText: "chart" },
    );
    expect(all(dm)).toContain(m.t("preview.header", { id: 4 }));
    expect(all(dm)).toContain(m.t("preview.keep"));
    expect(slackProblems(dm)).toEqual([]);
    const decided = decidedPreview(dm.blocks, 4, "kept", m);
    expect(decided.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(all(decided)).not.toContain(m.t("preview.keep"));
    expect(all(decided)).toContain(m.t("preview.kept", { id: 4 }));
  });

  it("every builder stays within Slack's limits with long, hostile words in the language", () => {
    const m = messages(lang);
    const long = `<!channel> ${"ø&<>".repeat(900)}`;
    const replies = [
      subscribedReply(
        {
          id: 1,
          scheduleWords: long,
          timezone: "Europe/Oslo",
          queryText: long,
          nextRuns: ["Thu 26 Nov 08:00"],
        },
        m,
      ),
      alertSavedReply({ id: 2, ruleWords: long, queryWords: long, preview: long, dm: "failed" }, m),
      errorReply(long, m),
      listReply(
        Array.from({ length: 60 }, (_, i) => ({
          id: i + 1,
          kind: "alert" as const,
          channelId: "C1",
          what: long,
          query: long,
          state: "active" as const,
          pausedReason: null,
          nextRun: null,
          status: long,
        })),
        m,
      ),
    ];
    for (const r of replies) {
      expect(slackProblems({ text: r.text, blocks: r.blocks ?? [] })).toEqual([]);
      // The fallback text carries schedule and rule words the bot wrote; the blocks carry user text.
      expect(JSON.stringify(r.blocks)).not.toContain("<!channel>");
    }
    const firing = firingMessage(
      { ...alertInput(lang), ruleText: long, reason: long, label: long },
      START + 60 * MIN,
    );
    expect(slackProblems(firing)).toEqual([]);
  });
});

describe("the workspace's language reaches the digest through the report", () => {
  it("the Norwegian digest of a Saturday says 'bruk', 'lør.' and 12 330 with a no-break space", () => {
    const message = digestMessage(saturday("nb"));
    expect(message.blocks[0]).toMatchObject({
      text: { text: "Bruk av tilbud per time, i går, Europe/Oslo" },
    });
    expect(message.text).toContain("Totalt: 12\u00a0330");
    expect(all(message)).toContain("tilbud av typen birthday eller welcome");
    expect(all(message)).toContain("830 (lør. 14:00)");
  });

  it("English stays as it was", () => {
    const message = digestMessage(saturday("en"));
    expect(message.text).toContain("Total: 12,330 · Change: ▲ +25% vs 9,864");
  });
});
