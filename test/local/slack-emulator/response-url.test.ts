import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../../fakes/slack.ts";

const reply = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("Slack emulator: response_url", () => {
  let slack: SlackEmulator;
  const clock = new ManualClock(Date.parse("2025-08-27T08:00:00Z"));

  beforeEach(async () => {
    slack = await startSlackFake({ clock });
  });
  afterEach(() => slack.close());

  it("shows an ephemeral reply to the caller only and an in_channel reply to everyone", async () => {
    const url = slack.responseUrl("C0RANDOM", "U0ALICE");
    expect((await reply(url, { text: 'Unknown word "lst": did you mean last?' })).status).toBe(200);
    expect((await reply(url, { text: "Report", response_type: "in_channel" })).status).toBe(200);
    const all = slack.messagesIn("C0RANDOM", { ephemeral: true });
    expect(all.map((m) => [m.text, m.ephemeral, m.ephemeralUser])).toEqual([
      ['Unknown word "lst": did you mean last?', true, "U0ALICE"],
      ["Report", false, undefined],
    ]);
  });

  it("takes 5 replies and refuses the 6th", async () => {
    const url = slack.responseUrl("C0GENERAL", "U0ALICE");
    for (let i = 0; i < 5; i++) expect((await reply(url, { text: `r${i}` })).status).toBe(200);
    const sixth = await reply(url, { text: "r5" });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: "used_url" });
  });

  it("expires after 30 minutes", async () => {
    const url = slack.responseUrl("C0GENERAL", "U0ALICE");
    clock.advance(30 * 60 * 1000 + 1);
    expect(await (await reply(url, { text: "late" })).json()).toEqual({ ok: false, error: "expired_url" });
  });

  it("replaces or deletes the message an interaction came from", async () => {
    const posted = await clientFor(slack).chat.postMessage({ channel: "C0GENERAL", text: "Pause #12?" });
    const url = slack.responseUrl("C0GENERAL", "U0ALICE", posted.ts as string);
    await reply(url, { text: "#12 paused", replace_original: true });
    expect(slack.messagesIn("C0GENERAL").map((m) => m.text)).toEqual(["#12 paused"]);
    await reply(url, { delete_original: true });
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(0);
  });

  it("refuses invalid blocks and an empty reply without using up the URL", async () => {
    const url = slack.responseUrl("C0GENERAL", "U0ALICE");
    const bad = await reply(url, {
      text: "x",
      blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: "invalid_blocks" });
    expect(await (await reply(url, {})).json()).toEqual({ ok: false, error: "no_text" });
    for (let i = 0; i < 5; i++) expect((await reply(url, { text: `r${i}` })).status).toBe(200);
  });
});
