/**
 * Before a report is fetched the bot asks Slack whether it is in the channel (conversations.info,
 * Tier 3: 50 a minute). Thirty people asking at once must not meet that limit, and a check Slack
 * could not answer must not tell them to invite a bot that is already there.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BOT_MEMBER_TTL_MS } from "../../../src/slack/permissions.ts";
import { type AppHarness, startApp } from "../support/harness.ts";
import { CHANNELS, extraChannelId } from "../support/workspace.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp({ extraChannels: 2 });
});
afterAll(async () => {
  await h?.close();
});

const infoCalls = () => h.emulator.callsOf("conversations.info").length;

describe("whether the bot is in the channel", () => {
  test("is asked once per channel in 10 minutes, not once per report", async () => {
    const before = infoCalls();
    for (let i = 0; i < 3; i++) {
      const sent = await h.command(`report last ${i + 2}d interval=1d`);
      expect((await h.posted(sent)).text).toMatch(/usages/i);
    }
    expect(infoCalls() - before).toBe(1);
    h.clock?.advance(BOT_MEMBER_TTL_MS + 1);
    const later = await h.command("report last 5d interval=1d");
    await h.posted(later);
    expect(infoCalls() - before).toBe(2);
  });

  test("a check Slack answers with 429 lets the report go on: the digest is posted, no invitation", async () => {
    const channelId = extraChannelId(0);
    h.emulator.injectFault({ method: "conversations.info", status: 429, retryAfterSeconds: 30 });
    const sent = await h.command("report last 7d interval=1d", { channelId });
    const digest = await h.posted(sent);
    expect(digest.text).toMatch(/usages/i);
    const said = h.emulator
      .messagesIn(channelId, { ephemeral: true })
      .filter((m) => m.ephemeral)
      .map((m) => m.text);
    expect(said.join("\n")).not.toContain("not a member");
  });

  test("a channel without the bot is still told to invite it, and is asked again next time", async () => {
    const before = infoCalls();
    for (let i = 0; i < 2; i++) {
      const sent = await h.command("report last 7d interval=1d", { channelId: CHANNELS.secret.id });
      expect(await h.reply(sent, { skipWorking: true })).toContain("I'm not a member of this channel");
    }
    expect(infoCalls() - before).toBe(2);
  });
});
