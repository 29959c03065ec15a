import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { PageState } from "../../../src/local/sandbox/index.ts";
import {
  CHANNEL,
  must,
  nth,
  postJson,
  type SandboxServer,
  startSandbox,
  startSignedEndpoint,
  USER,
} from "./harness.ts";
import { openEvents } from "./sse.ts";

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(): Promise<{ sb: SandboxServer; bot: Awaited<ReturnType<typeof startSignedEndpoint>> }> {
  const bot = await startSignedEndpoint();
  const sb = await startSandbox(bot.url);
  cleanup.push(bot.close, sb.close);
  return { sb, bot };
}

/** The bot opens the DM as the alert preview does: conversations.open({ users }). */
async function openDm(sb: SandboxServer): Promise<string> {
  const opened = await sb.client.conversations.open({ users: USER });
  return must(opened.channel?.id, "DM channel id");
}

async function state(sb: SandboxServer): Promise<PageState> {
  return (await (await fetch(`${sb.origin}/sandbox/state`)).json()) as PageState;
}

const KEEP_DISCARD = [
  { type: "section", block_id: "what", text: { type: "mrkdwn", text: "*Preview of alert #12*" } },
  {
    type: "actions",
    block_id: "decide",
    elements: [
      { type: "button", action_id: "keep", value: "12", text: { type: "plain_text", text: "Keep" } },
      {
        type: "button",
        action_id: "discard",
        value: "12",
        style: "danger",
        text: { type: "plain_text", text: "Discard" },
      },
    ],
  },
];

interface Payload {
  channel?: unknown;
  container: Record<string, unknown>;
  message: Record<string, unknown>;
  response_url: string;
}

describe("the person's DM with the bot on the page", () => {
  it("state has no DM until the bot opens one, then the DM's messages with their uploaded chart", async () => {
    const { sb } = await setup();
    expect((await state(sb)).dm).toEqual({ id: null, messages: [] });

    const dm = await openDm(sb);
    const png = await sharp({ create: { width: 48, height: 24, channels: 3, background: "#2eb67d" } })
      .png()
      .toBuffer();
    await sb.client.files.uploadV2({ channel_id: dm, file: png, filename: "preview.png", title: "Preview" });
    await sb.client.chat.postMessage({ channel: dm, text: "Preview of alert #12", blocks: KEEP_DISCARD });
    await sb.client.chat.postMessage({ channel: CHANNEL, text: "in the channel" });

    const s = await state(sb);
    expect(s.dm.id).toBe(dm);
    expect(s.dm.messages.map((m) => [m.channel, m.text, m.isBot])).toEqual([
      [dm, "", true],
      [dm, "Preview of alert #12", true],
    ]);
    expect(s.messages.map((m) => m.text)).toEqual(["in the channel"]);
    expect(nth(s.messages).channel).toBe(CHANNEL);
    const file = nth(nth(s.dm.messages).files);
    expect(file).toMatchObject({ title: "Preview", image: true });
    const bytes = await fetch(`${sb.origin}${file.url}`);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await bytes.arrayBuffer()).equals(png)).toBe(true);
  });

  it("streams the DM's new messages, edits and deletions as dm-* events, and leaves the channel's names alone", async () => {
    const { sb } = await setup();
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    // Opened after the page connected, as in the sandbox: the first preview opens the DM.
    const dm = await openDm(sb);
    const posted = await sb.client.chat.postMessage({ channel: dm, text: "Preview of alert #12" });
    await sb.client.chat.update({ channel: dm, ts: must(posted.ts), text: "Discarded alert #12" });
    await sb.client.chat.postEphemeral({ channel: dm, user: USER, text: "only you, in the DM" });
    await sb.client.chat.delete({ channel: dm, ts: must(posted.ts) });
    await sb.client.chat.postMessage({ channel: CHANNEL, text: "channel marker" });
    await stream.next((e) => e.event === "message");

    expect(stream.events.map((e) => e.event)).toEqual([
      "dm-message",
      "dm-update",
      "dm-ephemeral",
      "dm-delete",
      "message",
    ]);
    expect(nth(stream.events, 0).data).toMatchObject({ channel: dm, ts: posted.ts, isBot: true });
    expect(nth(stream.events, 1).data).toMatchObject({ text: "Discarded alert #12", edited: true });
    expect(nth(stream.events, 2).data).toMatchObject({ ephemeral: true, channel: dm });
    expect(nth(stream.events, 3).data).toEqual({ ts: posted.ts });
    expect(nth(stream.events, 4).data).toMatchObject({ channel: CHANNEL, text: "channel marker" });
  });

  it("does not show another person's DM with the bot, nor a group DM that includes the person", async () => {
    const { sb } = await setup();
    const botId = sb.emulator.botUserId;
    sb.emulator.addChannel({ id: "D0BOB", name: "U0BOB", isIm: true, members: [botId, "U0BOB"] });
    sb.emulator.addChannel({ id: "D0GROUP", name: "mpdm", isIm: true, members: [botId, USER, "U0BOB"] });
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    await sb.client.chat.postMessage({ channel: "D0BOB", text: "for bob" });
    await sb.client.chat.postMessage({ channel: "D0GROUP", text: "for the group" });
    const dm = await openDm(sb);
    await sb.client.chat.postMessage({ channel: dm, text: "for alice" });
    await stream.next((e) => e.event === "dm-message");
    expect(stream.events.map((e) => (e.data as { text: string }).text)).toEqual(["for alice"]);
    expect((await state(sb)).dm.messages.map((m) => m.text)).toEqual(["for alice"]);
  });
});

describe("buttons in the DM", () => {
  it("a press on a DM message reaches the bot as block_actions naming the DM channel and the message's ts", async () => {
    const { sb, bot } = await setup();
    const dm = await openDm(sb);
    const posted = await sb.client.chat.postMessage({ channel: dm, text: "Preview", blocks: KEEP_DISCARD });
    const res = await postJson(`${sb.origin}/sandbox/action`, {
      channel: dm,
      ts: posted.ts,
      action_id: "discard",
      block_id: "decide",
      value: "12",
      text: "Discard",
      style: "danger",
    });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    expect(bot.rejected).toBe(0);
    const p = JSON.parse(nth(bot.received).form.get("payload") ?? "null") as Payload;
    expect(p).toMatchObject({
      type: "block_actions",
      channel: { id: dm, name: "directmessage" },
      container: { type: "message", channel_id: dm, message_ts: posted.ts, is_ephemeral: false },
      message: { ts: posted.ts, blocks: KEEP_DISCARD, user: sb.emulator.botUserId },
      actions: [{ action_id: "discard", block_id: "decide", value: "12", style: "danger" }],
    });

    // The response_url edits the DM message in place, as Slack's does.
    expect((await postJson(p.response_url, { replace_original: true, text: "Discarded" })).status).toBe(200);
    expect(sb.emulator.messagesIn(dm)).toMatchObject([{ ts: posted.ts, text: "Discarded" }]);
  });

  it("refuses a press in a channel that is not on the page, naming the channels that are", async () => {
    const { sb, bot } = await setup();
    sb.emulator.addChannel({
      id: "D0BOB",
      name: "U0BOB",
      isIm: true,
      members: [sb.emulator.botUserId, "U0BOB"],
    });
    const posted = await sb.client.chat.postMessage({
      channel: "D0BOB",
      text: "bob's",
      blocks: KEEP_DISCARD,
    });
    const res = await postJson(`${sb.origin}/sandbox/action`, {
      channel: "D0BOB",
      ts: posted.ts,
      action_id: "keep",
      block_id: "decide",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "bad_request",
      message: expect.stringContaining(`#general (${CHANNEL})`),
    });
    const dm = await openDm(sb);
    const missing = await postJson(`${sb.origin}/sandbox/action`, {
      channel: dm,
      ts: "1.000001",
      action_id: "keep",
      block_id: "decide",
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "message_not_found" });
    expect(bot.received).toHaveLength(0);
  });
});

describe("POST /sandbox/home with the Messages tab", () => {
  it("opening the Messages tab sends app_home_opened with tab messages; a tab that does not exist is refused", async () => {
    const { sb, bot } = await setup();
    await sb.client.views.publish({ user_id: USER, view: { type: "home", blocks: [{ type: "divider" }] } });
    expect(await (await postJson(`${sb.origin}/sandbox/home`, { tab: "messages" })).json()).toEqual({
      ok: true,
      status: 200,
    });
    const event = (JSON.parse(nth(bot.received).body) as { event: Record<string, unknown> }).event;
    expect(event).toMatchObject({ type: "app_home_opened", user: USER, tab: "messages" });
    expect(event.view).toBeUndefined();

    const bad = await postJson(`${sb.origin}/sandbox/home`, { tab: "about" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.stringContaining('"about"') });
    expect(bot.received).toHaveLength(1);
  });
});
