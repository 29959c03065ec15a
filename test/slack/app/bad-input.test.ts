/**
 * Mistakes in what people type: each is answered only to the caller, within Slack's 3 s, naming the
 * wrong word and what would be right; nothing is saved or posted, and user text is echoed escaped so
 * `<!channel>` typed into a command never pings a channel.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp } from "../support/harness.ts";

let h: AppHarness;
beforeAll(async () => {
  // 5 minutes, the production default, so "too frequent" has something to refuse.
  h = await startApp({ minScheduleMinutes: 5 });
});
afterAll(async () => {
  await h?.close();
});

interface Case {
  name: string;
  text: string;
  /** The wrong word as the answer shows it (escaped where it holds < or >). */
  wrong: string;
  /** What would be right, each of which the answer must name. */
  right: string[];
}

const CASES: Case[] = [
  {
    name: "an unknown verb, with the verb it probably meant",
    text: "reprot last 7d",
    wrong: "reprot",
    right: ["report", "subscribe", "alert", "list"],
  },
  {
    name: "an offer type that does not exist",
    text: "report last 7d offer_type=bday",
    wrong: "offer_type=bday",
    right: ["birthday", "welcome", "regular"],
  },
  {
    name: "an interval the API does not have",
    text: "report last 7d interval=2h",
    wrong: "interval=2h",
    right: ["5m", "1h", "1d", "1w", "1mo"],
  },
  {
    name: "a breakdown field that cannot be aggregated",
    text: "report last 7d by=color",
    wrong: "by=color",
    right: ["member_gender", "member_age"],
  },
  {
    name: "a time zone that does not exist",
    text: "report last 7d tz=Mars/Base",
    wrong: "tz=Mars/Base",
    right: ["Europe/Oslo"],
  },
  {
    name: "a cron minute out of range",
    text: 'subscribe cron "61 * * * *" last 1h interval=5m',
    wrong: "61",
    right: ["0-59"],
  },
  {
    name: "a schedule more frequent than MIN_SCHEDULE_MINUTES",
    text: 'subscribe cron "* * * * *" last 1h interval=5m',
    wrong: "every minute",
    right: ["5 minutes"],
  },
  {
    name: "five-minute buckets older than their 14 days of retention",
    text: "report from 2025-07-01 to 2025-07-02 interval=5m",
    wrong: "interval=5m",
    right: ["14 days", "interval=1h"],
  },
  {
    name: "an id that is not a number",
    text: "pause abc",
    wrong: "pause abc",
    right: ["/offers pause 12", "/offers list"],
  },
  {
    name: "a subscription without a query",
    text: "subscribe daily 08:00",
    wrong: "/offers subscribe daily 08:00",
    right: ["/offers subscribe daily 08:00 last 24h interval=1h"],
  },
  {
    name: "an alert given a range",
    text: "alert below 5 per 1h last 7d",
    wrong: "last 7d",
    right: ["no range"],
  },
  {
    name: "an hour past 23",
    text: "subscribe daily 25:00 last 24h interval=1h",
    wrong: "25:00",
    right: ["0-23", "08:00"],
  },
  {
    name: "an unknown query word",
    text: "report last 7d foo=bar",
    wrong: "foo=",
    right: ["interval=", "offer_type=", "by="],
  },
  {
    name: "a channel mention typed as an offer type, echoed escaped",
    text: "report last 7d offer_type=<!channel>",
    wrong: "offer_type=&lt;!channel&gt;",
    right: ["birthday"],
  },
  {
    name: "a user mention typed as a query word, echoed escaped",
    text: "report last 7d <@U0ADA>",
    wrong: "&lt;@U0ADA&gt;",
    right: ["last 7d", "interval="],
  },
  {
    name: "a here mention typed as a club in a subscription, echoed escaped",
    text: 'subscribe cron "*/5 * * * *" last 1h interval=5m club=<!here>',
    wrong: "club=&lt;!here&gt;",
    right: ["club=1000941", "club=all"],
  },
];

describe("a bad /offers command", () => {
  test.each(CASES)(
    "$name: answered only to the caller, naming the word and the right choices, nothing saved",
    async (c) => {
      const before = await h.rows();
      const postsBefore = h.emulator.callsOf("chat.postMessage").length;
      const channelBefore = h.emulator.messagesIn("C0OFFERS").length;
      const started = performance.now();
      const sent = await h.command(c.text);
      expect(sent.ack.status).toBe(200);
      const answer = await h.reply(sent, { timeoutMs: 3_000, skipWorking: true });
      expect(performance.now() - started).toBeLessThan(3_000);
      // A report's words are checked before "Working on it…", so its mistake is the ack itself.
      if (c.text.startsWith("report")) expect(sent.ack.json?.text).toBe(answer);

      if (sent.ack.json?.text !== undefined) expect(sent.ack.json.response_type).toBe("ephemeral");
      else expect((await h.ephemeral(sent)).ephemeralUser).toBe(sent.who.userId);
      expect(answer).toContain(c.wrong);
      for (const r of c.right) expect(answer).toContain(r);
      // Whatever the person typed, the answer holds no live mention.
      expect(answer).not.toMatch(/<[!@#]/);
      expect(JSON.stringify(sent.ack.json ?? {})).not.toMatch(/<[!@]/);

      expect(await h.rows()).toEqual(before);
      expect(h.emulator.callsOf("chat.postMessage")).toHaveLength(postsBefore);
      expect(h.emulator.messagesIn("C0OFFERS")).toHaveLength(channelBefore);
    },
  );

  test("a mention inside a valid report is shown escaped in 'Working on it' and in the digest", async () => {
    // authorization_type takes any text, so this report runs: the echo and the digest's filter line must still be escaped.
    const sent = await h.command("report last 7d authorization_type=<!channel>");
    const working = await h.reply(sent, { timeoutMs: 3_000 });
    expect(working).toContain("Working on it");
    expect(working).toContain("&lt;!channel&gt;");
    const digest = await h.posted(sent);
    const all = `${digest.text}\n${JSON.stringify(digest.blocks)}`;
    expect(all).toContain("&lt;!channel&gt;");
    expect(all).not.toMatch(/<!channel>/);
  });
});
