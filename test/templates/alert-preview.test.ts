import { describe, expect, it } from "vitest";
import {
  type AlertPreviewInput,
  decidedPreview,
  PREVIEW_ACTIONS,
  previewMessage,
} from "../../templates/alert-preview.ts";
import type { ActionsBlock, Block } from "../../templates/blocks.ts";
import { ACTION_IDS } from "../../templates/item-list.ts";
import { alertSavedReply } from "../../templates/replies.ts";
import { mrkdwnTexts, slackProblems } from "./slack-limits.ts";

const input: AlertPreviewInput = {
  ruleId: 12,
  ruleText: "below 5 per 1h for 1",
  ruleWords: "fewer than 5 usages per hour for 1 bucket",
  queryWords: "offer_type=birthday",
  timezone: "Europe/Oslo",
  channelId: "C0OFFERS",
  sentence: "Over the last 4 weeks this rule would have fired 3 times (last: Wed 3 Jun 12:00).",
};
const chart = { fileId: "F0001", altText: "Chart: offer usages per hour" };

function buttons(blocks: readonly Block[]) {
  return blocks.filter((b): b is ActionsBlock => b.type === "actions").flatMap((b) => b.elements);
}

describe("the preview DM", () => {
  it("has the header, the sentence, the rule in words, the chart and Keep / Discard carrying the rule id", () => {
    const m = previewMessage(input, chart);
    expect(m.blocks[0]).toMatchObject({ type: "header", text: { text: "Preview of alert #12" } });
    const texts = mrkdwnTexts(m).join("\n");
    expect(texts).toContain(input.sentence);
    expect(texts).toContain("fewer than 5 usages per hour");
    expect(texts).toContain("`offer_type=birthday`");
    expect(m.blocks.find((b) => b.type === "image")).toMatchObject({ slack_file: { id: "F0001" } });
    const [keep, discard] = buttons(m.blocks);
    expect(keep).toMatchObject({ action_id: PREVIEW_ACTIONS.keep, value: "12", style: "primary" });
    expect(discard).toMatchObject({ action_id: PREVIEW_ACTIONS.discard, value: "12", style: "danger" });
    expect(discard?.confirm?.title.text).toBe("Discard alert #12?");
    expect(slackProblems(m)).toEqual([]);
  });

  it("says there is no chart this time when the upload failed, and keeps the buttons", () => {
    const m = previewMessage(input, null);
    expect(m.blocks.some((b) => b.type === "image")).toBe(false);
    expect(mrkdwnTexts(m).join("\n")).toContain("No chart this time");
    expect(buttons(m.blocks)).toHaveLength(2);
  });

  it("shows typed words as text, never as a broadcast, and stays within Slack's limits with a huge query", () => {
    const m = previewMessage({ ...input, queryWords: `<!channel> ${"x".repeat(5000)}` }, chart);
    for (const t of mrkdwnTexts(m)) expect(t).not.toContain("<!channel>");
    expect(slackProblems(m)).toEqual([]);
  });

  it("after Keep the buttons give way to 'Alert #12 is on.' and the chart stays", () => {
    const after = decidedPreview(previewMessage(input, chart).blocks, 12, "kept");
    expect(buttons(after.blocks)).toHaveLength(0);
    expect(after.text).toBe("✅ Alert #12 is on.");
    expect(after.blocks.some((b) => b.type === "image")).toBe(true);
    expect(mrkdwnTexts(after).join("\n")).not.toContain("Keep");
    expect(slackProblems(after)).toEqual([]);
  });

  it("after Discard it says the alert was discarded", () => {
    const after = decidedPreview(previewMessage(input, chart).blocks, 12, "discarded");
    expect(after.text).toContain("Alert #12 was discarded");
    expect(buttons(after.blocks)).toHaveLength(0);
  });
});

describe("the /offers alert answer", () => {
  it("keeps the id and the sentence, says where the chart is, and offers Discard through the list's delete action", () => {
    const r = alertSavedReply({
      id: 12,
      ruleWords: "below 5 per 1h for 1",
      queryWords: "",
      preview: input.sentence,
      dm: "sent",
    });
    const blocks = r.blocks ?? [];
    const texts = mrkdwnTexts({ text: r.text, blocks }).join("\n");
    expect(texts).toContain("*#12*");
    expect(texts).toContain(input.sentence);
    expect(texts).toContain("The preview chart is in your messages with @offer-digest");
    const [discard] = buttons(blocks);
    expect(discard).toMatchObject({ action_id: ACTION_IDS.delete, value: "12", style: "danger" });
    expect(discard?.confirm?.confirm.text).toBe("Discard");
    expect(slackProblems({ text: r.text, blocks })).toEqual([]);
  });

  it.each([
    ["late", "on its way to your messages"],
    ["failed", "could not be sent to your messages"],
    ["no_chart", "without a chart this time"],
  ] as const)("when the DM is %s it says the chart is %s", (dm, words) => {
    const r = alertSavedReply({ id: 12, ruleWords: "below 5", queryWords: "", preview: "x", dm });
    expect(r.text).toContain(words);
  });

  it("without a preview it names no chart", () => {
    const r = alertSavedReply({ id: 12, ruleWords: "below 5", queryWords: "", preview: null, dm: null });
    expect(r.text).toBe("Alert #12: below 5.");
  });
});
