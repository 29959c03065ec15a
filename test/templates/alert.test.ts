import { describe, expect, it } from "vitest";
import {
  ALERT_ACTIONS,
  type AlertMessageInput,
  firingMessage,
  mutedReply,
  renotifyReply,
  resolvedMessage,
  resolvedReply,
  snoozedReply,
} from "../../templates/alert.ts";
import { durationInWords, expectationInWords } from "../../templates/alert-words.ts";

const MIN = 60_000;
const H = 60 * MIN;
/** Sat 14 Nov 2026 14:00 in Oslo (+01:00 in winter). */
const START = Date.parse("2026-11-14T13:00:00Z");

const base: AlertMessageInput = {
  ruleId: 12,
  ruleText: "below 5 per 5m",
  kind: "below",
  interval: "5m",
  timezone: "Europe/Oslo",
  filters: [{ field: "offer_type", values: ["birthday", "welcome"] }],
  customer: "id=1000941",
  byWords: null,
  label: "",
  at: START + 25 * MIN,
  value: 2,
  expected: null,
  low: 5,
  high: null,
  reason: "2 is below 5",
  incidentStartedAt: START,
  intervalNote: null,
  runKey: `alert:12::${START}`,
};

function all(m: { text: string; blocks: unknown[] }): string {
  return `${m.text}\n${JSON.stringify(m.blocks)}`;
}

describe("alert durations and expectations in words", () => {
  it.each([
    [45 * MIN, "45 min"],
    [2 * H + 10 * MIN, "2 h 10 min"],
    [2 * H, "2 h"],
    [27 * H, "1 d 3 h"],
    [48 * H + 20 * MIN, "2 d"],
    [47 * H + 50 * MIN, "2 d"],
  ])("%d ms reads %s", (ms, words) => {
    expect(durationInWords(ms)).toBe(words);
  });

  it("names the band of an anomaly and the reference of a change", () => {
    expect(expectationInWords({ kind: "anomaly", expected: 61.4, low: 40.2, high: 80.7 })).toBe(
      "40–81 (usually 61)",
    );
    expect(expectationInWords({ kind: "drop", expected: 40, low: 24, high: null })).toBe(
      "at least 24 (40 before)",
    );
    expect(expectationInWords({ kind: "anomaly", expected: null, low: null, high: null })).toContain(
      "learning",
    );
  });
});

describe("the firing message", () => {
  const m = firingMessage({ ...base, chart: { fileId: "F123", altText: "Chart" } }, START + 30 * MIN);

  it("says what, where, the value against the threshold and since when, in the rule's zone", () => {
    const text = all(m);
    expect(text).toContain("below 5 per 5m");
    expect(text).toContain("2 in 14:25–14:30 on Sat 14 Nov");
    expect(text).toContain("at least 5");
    expect(text).toContain("Sat 14 Nov 14:00 (30 min)");
    expect(text).toContain("birthday or welcome offers · club 1000941");
  });

  it("shows the uploaded chart and the snooze and mute buttons carrying the rule id", () => {
    expect(m.blocks).toContainEqual({ type: "image", slack_file: { id: "F123" }, alt_text: "Chart" });
    const actions = m.blocks.find((b) => b.type === "actions");
    expect(actions?.type === "actions" && actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [ALERT_ACTIONS.snooze1h, "12"],
      [ALERT_ACTIONS.snoozeTomorrow, "12"],
      [ALERT_ACTIONS.snooze1w, "12"],
      [ALERT_ACTIONS.mute, "12"],
    ]);
  });

  it("keeps its run key in the metadata so an edit still finds it", () => {
    expect(m.metadata).toEqual({
      event_type: "offer_alert",
      event_payload: { run_key: `alert:12::${START}` },
    });
  });

  it("escapes a label that comes from data in every mrkdwn text, so it cannot ping the channel", () => {
    const m = firingMessage({ ...base, byWords: "member city", label: "<!channel>" }, START + H);
    // Header text is plain_text, where Slack shows `<!channel>` as typed and never pings.
    const mrkdwn = JSON.stringify(m.blocks.filter((b) => b.type !== "header"));
    expect(`${m.text}${mrkdwn}`).not.toContain("<!channel>");
    expect(m.text).toContain("&lt;!channel&gt;");
  });

  it("says the chart is missing when it could not be drawn, and why the bucket size differs", () => {
    const text = all(
      firingMessage(
        { ...base, chartFailed: true, intervalNote: "judged per 1h instead of per 5m" },
        START + H,
      ),
    );
    expect(text).toContain("Chart unavailable");
    expect(text).toContain("judged per 1h instead of per 5m");
  });
});

describe("the resolved message and thread replies", () => {
  const normalSince = START + 2 * H + 10 * MIN;
  const back = { ...base, at: normalSince + 5 * MIN, value: 14, chart: { fileId: "F123", altText: "Chart" } };

  it("edits the message into its resolved version: how long, when, the chart kept, no buttons", () => {
    const m = resolvedMessage(back, normalSince);
    const text = all(m);
    expect(text).toContain("Resolved after 2 h 10 min");
    expect(text).toContain("Sat 14 Nov 14:00 to Sat 14 Nov 16:10");
    expect(m.blocks.some((b) => b.type === "image")).toBe(true);
    expect(m.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(m.metadata?.event_payload.run_key).toBe(`alert:12::${START}`);
  });

  it("replies in the thread: back to normal after 2 h 10 min", () => {
    expect(resolvedReply(back, normalSince).text).toBe(
      "✅ Back to normal after 2 h 10 min: 14 in 16:15–16:20 on Sat 14 Nov.",
    );
  });

  it("reminds in the thread how long it has been firing and the newest value", () => {
    const later = { ...base, at: START + 24 * H, value: 1 };
    expect(renotifyReply(later, START + 24 * H + 5 * MIN).text).toBe(
      "⏰ Still firing after 1 d: 1 in 14:00–14:05 on Sun 15 Nov; expected at least 5.",
    );
  });

  it("answers snooze and mute privately, with an Unmute button after Mute", () => {
    expect(snoozedReply(12, Date.parse("2026-11-15T07:00:00Z"), "Europe/Oslo").text).toContain(
      "Alert #12 is snoozed until Sun 15 Nov 08:00 (Europe/Oslo)",
    );
    const muted = mutedReply(12, true);
    expect(muted.blocks.some((b) => b.type === "actions")).toBe(true);
    expect(mutedReply(12, false).blocks.some((b) => b.type === "actions")).toBe(false);
  });
});
