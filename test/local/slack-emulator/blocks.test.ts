import { describe, expect, it } from "vitest";
import { blocksProblem } from "../../../src/local/slack-emulator/blocks.ts";

const rules = { maxBlocks: 50, fileReady: (id: string) => id === "F_READY" };
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("Block Kit checks the emulator makes", () => {
  it.each([
    [
      "a section, a header, a divider and a ready file image",
      [
        section("hi"),
        { type: "header", text: { type: "plain_text", text: "T" } },
        { type: "divider" },
        { type: "image", slack_file: { id: "F_READY" }, alt_text: "chart" },
      ],
      null,
    ],
    ["blocks that are not an array", { type: "section" }, /array/],
    ["51 blocks", Array.from({ length: 51 }, () => ({ type: "divider" })), /51 blocks, at most 50/],
    ["a section text of 3001 characters", [section("x".repeat(3001))], /3001 characters, at most 3000/],
    ["a section text of exactly 3000 characters", [section("x".repeat(3000))], null],
    [
      "a header of 151 characters",
      [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      /at most 150/,
    ],
    ["a mrkdwn header", [{ type: "header", text: { type: "mrkdwn", text: "h" } }], /plain_text/],
    [
      "a section with 11 fields",
      [{ type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f" })) }],
      /at most 10/,
    ],
    [
      "an image of an unknown file",
      [{ type: "image", slack_file: { id: "F_UNKNOWN" }, alt_text: "c" }],
      /F_UNKNOWN is not ready/,
    ],
    [
      "an image by url_private",
      [
        {
          type: "image",
          slack_file: { url: "https://files.slack.com/files-pri/T1-F1/c.png" },
          alt_text: "c",
        },
      ],
      /private/,
    ],
    ["an image without alt_text", [{ type: "image", image_url: "https://example.com/c.png" }], /alt_text/],
    ["an unknown block type", [{ type: "sektion" }], /unknown block type/],
    [
      "a duplicate block_id",
      [
        { type: "divider", block_id: "a" },
        { type: "divider", block_id: "a" },
      ],
      /duplicate block_id/,
    ],
  ])("%s", (_name, blocks, expected) => {
    const problem = blocksProblem(blocks, rules);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected as RegExp);
  });
});
