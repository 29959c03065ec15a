import { describe, expect, it } from "vitest";
import {
  type Block,
  clampBlocks,
  context,
  escapeMrkdwn,
  fields,
  header,
  image,
  section,
  truncate,
} from "../../templates/blocks.ts";
import { slackProblems } from "./slack-limits.ts";

describe("escaping user text for mrkdwn", () => {
  it("shows <!channel>, <@U123> and & instead of triggering them", () => {
    expect(escapeMrkdwn("<!channel> hi <@U123> & co")).toBe("&lt;!channel&gt; hi &lt;@U123&gt; &amp; co");
  });

  it("escapes an ampersand before the brackets, so nothing is escaped twice", () => {
    expect(escapeMrkdwn("&lt;")).toBe("&amp;lt;");
  });
});

describe("cutting texts to Slack's limits", () => {
  it("ends a cut text with an ellipsis within the limit", () => {
    const cut = truncate("x".repeat(200), 150);
    expect(cut).toHaveLength(150);
    expect(cut.endsWith("…")).toBe(true);
    expect(truncate("short", 150)).toBe("short");
  });

  it("never leaves half an escape or half a link", () => {
    expect(truncate(`${"a".repeat(8)}&amp;b`, 11)).toBe(`${"a".repeat(8)}…`);
    expect(truncate(`ab <https://app.placewise.com|Open>`, 20)).toBe("ab …");
  });

  it("never leaves half an emoji", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });

  it("builders cut headers, sections, fields and contexts", () => {
    const blocks: Block[] = [
      header("h".repeat(400)),
      section("s".repeat(5000)),
      fields(Array.from({ length: 14 }, () => "f".repeat(2500))),
      context(Array.from({ length: 14 }, () => "c".repeat(2500))),
      image({ fileId: "F1" }, "a".repeat(3000)),
    ];
    expect(slackProblems({ text: "t", blocks })).toEqual([]);
  });
});

describe("clampBlocks", () => {
  it("keeps 50 blocks at most and says how many were left out", () => {
    const many: Block[] = Array.from({ length: 60 }, (_, i) => section(`row ${i}`));
    const out = clampBlocks(many);
    expect(out).toHaveLength(50);
    expect(out[49]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "… 11 more blocks not shown." }],
    });
  });

  it("repairs blocks built by hand that break a limit", () => {
    const raw: Block[] = [
      { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
      { type: "section", text: { type: "mrkdwn", text: "s".repeat(3001) } },
      { type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f" })) },
    ];
    expect(slackProblems({ text: "t", blocks: raw }).length).toBe(3);
    expect(slackProblems({ text: "t", blocks: clampBlocks(raw) })).toEqual([]);
  });

  it("references an uploaded chart by file id, never by url_private", () => {
    expect(image({ fileId: "F123" }, "chart")).toEqual({
      type: "image",
      slack_file: { id: "F123" },
      alt_text: "chart",
    });
    expect(image({ imageUrl: "http://127.0.0.1:3000/files/F1" }, "chart")).toEqual({
      type: "image",
      image_url: "http://127.0.0.1:3000/files/F1",
      alt_text: "chart",
    });
  });
});
