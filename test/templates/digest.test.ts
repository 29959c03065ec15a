import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/placewise/query.ts";
import { buildReport } from "../../src/report/build.ts";
import { digestMessage } from "../../templates/digest.ts";
import { at, constant, makePrevious, makeQuery, makeResult } from "../report/fixtures.ts";
import { mrkdwnTexts, slackProblems } from "./slack-limits.ts";

const AFTER = { now: at("2025-08-03T06:00:00Z"), dataLagMinutes: 15 };

function saturday(
  opts: { filters?: Filter[]; aggregateBy?: "member_gender" | "member_place_id" | "authorization_type" } = {},
) {
  return makeQuery({
    from: "2025-08-01T22:00:00Z",
    to: "2025-08-02T22:00:00Z",
    previousFrom: "2025-07-31T22:00:00Z",
    previousTo: "2025-08-01T22:00:00Z",
    customer: "id=1000941",
    ...opts,
  });
}

// 12,330 usages on Saturday against 9,864 on Friday: +25 %.
function busyDay(q = saturday()) {
  const values = constant(24, 500);
  values[14] = 830;
  return buildReport(makeResult(q, [{ values }]), makePrevious(q, [{ values: constant(24, 411) }]), AFTER);
}

describe("the digest message", () => {
  const report = busyDay(
    saturday({
      filters: [
        { field: "offer_type", values: ["birthday", "welcome"] },
        { field: "member_gender", values: ["female"] },
      ],
    }),
  );
  const message = digestMessage(report, { chart: { fileId: "F0CHART", altText: "Offer usages per hour" } });

  it("leads with the title as a header", () => {
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Offer usages per hour, yesterday, Europe/Oslo", emoji: true },
    });
  });

  it("shows total, change, peak and average as fields", () => {
    const block = message.blocks[1];
    expect(block?.type).toBe("section");
    const texts = block?.type === "section" ? (block.fields ?? []).map((f) => f.text) : [];
    expect(texts).toEqual([
      "*Total*\n12,330",
      "*Change vs previous period*\n▲ +25% vs 9,864",
      "*Peak*\n830 at Sat 14:00",
      "*Average*\n514 per hour · 12,330 per day",
    ]);
  });

  it("embeds the uploaded chart by file id", () => {
    expect(message.blocks).toContainEqual({
      type: "image",
      slack_file: { id: "F0CHART" },
      alt_text: "Offer usages per hour",
    });
  });

  it("says what was counted: range, zone, filters in words, club and a link to Placewise", () => {
    const ctx = message.blocks.find((b) => b.type === "context");
    expect(ctx?.type === "context" && ctx.elements.map((e) => e.text)).toEqual([
      "2025-08-02 · Europe/Oslo",
      "birthday or welcome offers, women",
      "club 1000941",
      "<https://app.placewise.com|Open in Placewise>",
    ]);
  });

  it("has a fallback text with the total, the change, the range and the zone", () => {
    expect(message.text).toBe(
      "Offer usages per hour, yesterday, Europe/Oslo\nTotal: 12,330 · Change: ▲ +25% vs 9,864 · 2025-08-02 (Europe/Oslo)",
    );
  });

  it("has no metadata without a run key", () => {
    expect(message.metadata).toBeUndefined();
    expect(slackProblems(message)).toEqual([]);
  });
});

describe("digest variants", () => {
  it("carries the run key as message metadata", () => {
    const m = digestMessage(busyDay(), { runKey: "sub:12:1754200800000" });
    expect(m.metadata).toEqual({
      event_type: "offer_digest",
      event_payload: { run_key: "sub:12:1754200800000" },
    });
  });

  it("uses an image URL in the sandbox", () => {
    const m = digestMessage(busyDay(), {
      chart: { imageUrl: "http://127.0.0.1:3000/files/F1", altText: "chart" },
    });
    expect(m.blocks).toContainEqual({
      type: "image",
      image_url: "http://127.0.0.1:3000/files/F1",
      alt_text: "chart",
    });
  });

  it("still sends the numbers with a note when the chart failed", () => {
    const m = digestMessage(busyDay(), { chartFailed: true });
    expect(m.blocks.some((b) => b.type === "image")).toBe(false);
    const notes = mrkdwnTexts(m).join("\n");
    expect(notes).toContain("Chart unavailable");
    expect(m.text).toContain("12,330");
    expect(m.text).toContain("Chart unavailable.");
  });

  it("says when a digest is delivered late and when it was due", () => {
    const m = digestMessage(busyDay(), { late: { scheduledAt: at("2025-08-03T06:00:00Z") } });
    expect(mrkdwnTexts(m).join("\n")).toContain(
      "Sent late: this digest was due at 2025-08-03 08:00 (+02:00) Europe/Oslo.",
    );
  });

  it("says 'at least' for a truncated total, and shows notes", () => {
    const q = saturday();
    const r = buildReport(
      makeResult(q, [{ values: constant(24, 100) }], { truncatedBuckets: [at("2025-08-02T12:00:00Z")] }),
      null,
      AFTER,
    );
    const m = digestMessage(r);
    expect(m.text).toContain("Total: at least 2,400 · Change: no previous data");
    const texts = mrkdwnTexts(m).join("\n");
    expect(texts).toContain("Totals are lower bounds");
    expect(texts).toContain("No data for the previous period");
  });

  it("shows an empty day without a peak or a broken average", () => {
    const q = saturday();
    const m = digestMessage(buildReport(makeResult(q, []), makePrevious(q, []), AFTER));
    const texts = mrkdwnTexts(m).join("\n");
    expect(texts).toContain("*Total*\n0");
    expect(texts).toContain("*Peak*\nnone");
    expect(texts).toContain("*Change vs previous period*\n→ 0.0% vs 0");
    expect(texts).toContain("No offer usages in this range.");
    expect(texts).not.toMatch(/NaN|Infinity|undefined|null/);
  });
});

describe("Slack limits and escaping", () => {
  it("stays within limits with 12 labels and 500 offer ids", () => {
    const q = saturday({
      aggregateBy: "member_place_id",
      filters: [{ field: "offer_id", values: Array.from({ length: 500 }, (_, i) => 100_000 + i) }],
    });
    const series = Array.from({ length: 12 }, (_, k) => ({
      label: { member_place_id: k + 1 },
      values: [k + 1],
    }));
    const m = digestMessage(buildReport(makeResult(q, series), null, AFTER), {
      chart: { fileId: "F1", altText: "chart" },
      runKey: "k",
      late: { scheduledAt: AFTER.now },
      chartFailed: false,
    });
    expect(slackProblems(m)).toEqual([]);
    const breakdown = mrkdwnTexts(m).find((t) => t.startsWith("*By member place*")) ?? "";
    expect(breakdown.split("\n")).toHaveLength(7);
    expect(breakdown).toContain("other (7 more): 28 (36%)");
    expect(mrkdwnTexts(m).join("\n")).toContain("and 490 more");
  });

  it("stays within limits when every text is enormous", () => {
    const q = saturday({
      aggregateBy: "authorization_type",
      filters: [
        { field: "member_gender", values: Array.from({ length: 2000 }, () => "<!channel>".repeat(50)) },
      ],
    });
    const series = Array.from({ length: 12 }, (_, k) => ({
      label: { authorization_type: `${"x".repeat(1000)}${k}` },
      values: [k],
    }));
    const long = { ...q, range: { ...q.range, label: "l".repeat(500) } };
    const m = digestMessage(buildReport(makeResult(long, series), null, AFTER), {
      chart: { fileId: "F1", altText: "a".repeat(5000) },
    });
    expect(slackProblems(m)).toEqual([]);
  });

  it("shows <!channel>, <@U123> and & typed into filters and labels instead of triggering them", () => {
    const q = saturday({
      aggregateBy: "authorization_type",
      filters: [{ field: "member_gender", values: ["<!channel>"] }],
    });
    const r = buildReport(
      makeResult(q, [
        { label: { authorization_type: "<@U123> & co" }, values: [3] },
        { label: { authorization_type: "<!here>" }, values: [1] },
      ]),
      null,
      AFTER,
    );
    const m = digestMessage(r);
    const all = mrkdwnTexts(m).join("\n");
    expect(all).toContain("gender &lt;!channel&gt;");
    expect(all).toContain("&lt;@U123&gt; &amp; co");
    expect(all).toContain("&lt;!here&gt;");
    // The only raw "<" left is our own link to Placewise.
    expect(all.match(/</g)).toHaveLength(1);
    expect(all).not.toMatch(/<[!@]/);
  });
});

describe("digest for clubs in several time zones", () => {
  it("states the range in the zone it was asked in, while the buckets are each club's local hours", () => {
    // Yesterday in Oslo; the API answers "local" for an Oslo and a Helsinki club.
    const query = makeQuery({
      from: "2026-11-24T00:00:00+01:00",
      to: "2026-11-25T00:00:00+01:00",
      previousFrom: "2026-11-23T00:00:00+01:00",
      previousTo: "2026-11-24T00:00:00+01:00",
    });
    const result = makeResult(
      query,
      [
        { label: { loyalty_club_id: 2 }, zone: "Europe/Helsinki", values: constant(24, 2) },
        { label: { loyalty_club_id: 1 }, zone: "Europe/Oslo", values: constant(24, 1) },
      ],
      { rangeTimezone: "local" },
    );
    const message = digestMessage(
      buildReport(result, null, { now: at("2026-11-25T09:00:00Z"), dataLagMinutes: 15 }),
    );
    expect(message.text).toMatch(/· 2026-11-24 \(local time/);
    expect(message.text).not.toContain("01:00");
  });
});
