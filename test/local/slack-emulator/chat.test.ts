import type { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../../fakes/slack.ts";

/** The Slack error name a WebClient call failed with (platform error, 429, or HTTP status). */
async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { data?: { error?: string }; code?: string; statusCode?: number; retryAfter?: number };
    if (err.data?.error !== undefined) return err.data.error;
    if (err.retryAfter !== undefined) return `ratelimited after ${err.retryAfter}s`;
    if (err.statusCode !== undefined) return `http ${err.statusCode}`;
    return String(err.code);
  }
  throw new Error("expected the call to fail");
}

describe("Slack emulator: messages", () => {
  let slack: SlackEmulator;
  let client: WebClient;
  const clock = new ManualClock(Date.parse("2025-08-27T08:00:00Z"));

  beforeEach(async () => {
    slack = await startSlackFake({ clock });
    client = clientFor(slack);
  });
  afterEach(() => slack.close());

  it("stores a posted message with its blocks, metadata and thread, and lists it newest first", async () => {
    const first = await client.chat.postMessage({
      channel: "C0GENERAL",
      text: "Total 1,234",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*1,234*" } }],
      metadata: { event_type: "offer_digest", event_payload: { run_key: "sub-1@08:00" } },
    });
    clock.advance(1000);
    await client.chat.postMessage({ channel: "C0GENERAL", text: "reply", thread_ts: first.ts as string });
    clock.advance(1000);
    const second = await client.chat.postMessage({ channel: "#general", text: "second" });

    const history = await client.conversations.history({ channel: "C0GENERAL", include_all_metadata: true });
    expect(history.messages?.map((m) => m.text)).toEqual(["second", "Total 1,234"]);
    expect(history.messages?.[1]?.metadata).toEqual({
      event_type: "offer_digest",
      event_payload: { run_key: "sub-1@08:00" },
    });
    expect(history.messages?.[1]?.reply_count).toBe(1);
    const plain = await client.conversations.history({ channel: "C0GENERAL" });
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
    const replies = await client.conversations.replies({ channel: "C0GENERAL", ts: first.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(["Total 1,234", "reply"]);
    expect(second.ts && first.ts && second.ts > first.ts).toBe(true);
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(3);
  });

  it("accepts metadata sent as a JSON string in a JSON body", async () => {
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: `Bearer ${slack.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        channel: "C0GENERAL",
        text: "x",
        metadata: JSON.stringify({ event_type: "e", event_payload: { run_key: "k" } }),
      }),
    });
    expect(await res.json()).toMatchObject({ ok: true });
    expect(slack.messagesIn("C0GENERAL")[0]?.metadata?.event_payload.run_key).toBe("k");
  });

  it("refuses what Slack refuses, with Slack's error names", async () => {
    expect(await slackError(client.chat.postMessage({ channel: "C0RANDOM", text: "x" }))).toBe(
      "not_in_channel",
    );
    expect(await slackError(client.conversations.history({ channel: "C0RANDOM" }))).toBe("not_in_channel");
    expect(await slackError(client.chat.postMessage({ channel: "C0NOPE", text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "" }))).toBe("no_text");
    expect(
      await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "x".repeat(40_001) })),
    ).toBe("msg_too_long");
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" }));
    expect(
      await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "x", blocks: tooMany })),
    ).toBe("invalid_blocks");
    expect(
      await slackError(
        client.apiCall("chat.postMessage", { channel: "C0GENERAL", text: "x", blocks: "[not json" }),
      ),
    ).toBe("invalid_blocks");
    expect(await slackError(client.apiCall("chat.postMessage", { text: "x" }))).toBe("invalid_arguments");
    slack.archive("C0GENERAL");
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "x" }))).toBe(
      "is_archived",
    );
    expect(await slackError(clientFor(slack, "xoxb-wrong").auth.test())).toBe("invalid_auth");
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(0);
  });

  it("answers an injected 429 with Retry-After and the next call normally", async () => {
    slack.injectFault({ method: "chat.postMessage", status: 429, retryAfterSeconds: 7 });
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "x" }))).toBe(
      "ratelimited after 7s",
    );
    const raw = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${slack.token}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "channel=C0GENERAL&text=y",
    });
    expect(raw.status).toBe(200);
    expect(slack.calls.map((c) => c.outcome)).toEqual(["http_429", "ok"]);
  });

  it("gives 5xx as JSON or as an HTML page, and can store the message before failing", async () => {
    slack.injectFault({ method: "chat.postMessage", status: 500 });
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "a" }))).toBe("http 500");
    slack.injectFault({ method: "chat.postMessage", status: 503, html: true });
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "b" }))).toBe("http 503");
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(0);
    slack.injectFault({ method: "chat.postMessage", status: 500, mode: "store_then_fail" });
    expect(await slackError(client.chat.postMessage({ channel: "C0GENERAL", text: "c" }))).toBe("http 500");
    expect(slack.messagesIn("C0GENERAL").map((m) => m.text)).toEqual(["c"]);
    slack.injectFault({ method: "chat.update", error: "channel_not_found" });
    expect(await slackError(client.chat.update({ channel: "C0GENERAL", ts: "1.0", text: "x" }))).toBe(
      "channel_not_found",
    );
  });

  it("edits, deletes, links, and shows ephemeral messages only to their user", async () => {
    const posted = await client.chat.postMessage({ channel: "C0GENERAL", text: "v1" });
    const ts = posted.ts as string;
    await client.chat.update({ channel: "C0GENERAL", ts, text: "v2" });
    expect(slack.messagesIn("C0GENERAL")[0]).toMatchObject({ text: "v2", edited: { user: slack.botUserId } });
    const link = await client.chat.getPermalink({ channel: "C0GENERAL", message_ts: ts });
    expect(link.permalink).toContain(`/archives/C0GENERAL/p${ts.replace(".", "")}`);
    await client.chat.postEphemeral({ channel: "C0GENERAL", user: "U0ALICE", text: "only you" });
    expect(slack.messagesIn("C0GENERAL", { ephemeral: true })[1]).toMatchObject({
      ephemeral: true,
      ephemeralUser: "U0ALICE",
    });
    const history = await client.conversations.history({ channel: "C0GENERAL" });
    expect(history.messages).toHaveLength(1);
    await client.chat.delete({ channel: "C0GENERAL", ts });
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(0);
    expect(await slackError(client.chat.update({ channel: "C0GENERAL", ts, text: "v3" }))).toBe(
      "message_not_found",
    );
  });

  it("opens a DM, reports users' admin flags and channel membership, and stores App Home views", async () => {
    const dm = await client.conversations.open({ users: "U0ALICE" });
    const dmId = dm.channel?.id as string;
    expect(dmId).toMatch(/^D/);
    await client.chat.postMessage({ channel: dmId, text: "your subscription #12 failed" });
    expect(slack.messagesIn(dmId).map((m) => m.text)).toEqual(["your subscription #12 failed"]);
    const user = await client.users.info({ user: "U0ALICE" });
    expect(user.user).toMatchObject({ is_admin: true, is_owner: false });
    const members = await client.conversations.members({ channel: "C0GENERAL" });
    expect(members.members).toEqual(["U0BOT", "U0ALICE"]);
    const info = await client.conversations.info({ channel: "C0RANDOM" });
    expect(info.channel).toMatchObject({ name: "random", is_member: false, is_archived: false });
    await client.views.publish({ user_id: "U0ALICE", view: { type: "home", blocks: [{ type: "divider" }] } });
    expect(slack.views.get("U0ALICE")?.view.type).toBe("home");
  });

  it("streams events for a page to follow", async () => {
    const seen: string[] = [];
    const off = slack.on("message", (m) => seen.push(`message:${m.text}`));
    slack.on("update", (m) => seen.push(`update:${m.text}`));
    const posted = await client.chat.postMessage({ channel: "C0GENERAL", text: "a" });
    await client.chat.update({ channel: "C0GENERAL", ts: posted.ts as string, text: "b" });
    off();
    await client.chat.postMessage({ channel: "C0GENERAL", text: "c" });
    expect(seen).toEqual(["message:a", "update:b"]);
  });
});
