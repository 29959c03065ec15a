import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import type { PageState } from "../../../src/local/sandbox/index.ts";
import { CHANNEL, must, nth, type SandboxServer, startSandbox, USER } from "./harness.ts";
import { openEvents } from "./sse.ts";

let cleanup: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(): Promise<SandboxServer> {
  const sb = await startSandbox("http://127.0.0.1:9/slack/events");
  cleanup.push(sb.close);
  return sb;
}

describe("GET /sandbox/events", () => {
  it("streams a message the bot posts through the Web API to the open page", async () => {
    const sb = await setup();
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    const posted = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: "Offer usage this week: 1 234",
    });
    const e = await stream.next((x) => x.event === "message");
    expect(e.data).toMatchObject({
      ts: posted.ts,
      text: "Offer usage this week: 1 234",
      isBot: true,
      userName: "offer-digest",
      ephemeral: false,
      edited: false,
    });
  });

  it("streams edits, thread replies, deletions and the person's own ephemeral messages", async () => {
    const sb = await setup();
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    const root = await sb.client.chat.postMessage({ channel: CHANNEL, text: "Alert firing" });
    await sb.client.chat.update({ channel: CHANNEL, ts: must(root.ts), text: "Alert firing (2 checks)" });
    const reply = await sb.client.chat.postMessage({
      channel: CHANNEL,
      thread_ts: must(root.ts),
      text: "Resolved",
    });
    await sb.client.chat.postEphemeral({ channel: CHANNEL, user: USER, text: "Only for alice" });
    await sb.client.chat.delete({ channel: CHANNEL, ts: must(reply.ts) });
    await stream.next((x) => x.event === "delete");
    expect(stream.events.map((e) => e.event)).toEqual([
      "message",
      "update",
      "message",
      "ephemeral",
      "delete",
    ]);
    expect(nth(stream.events, 1).data).toMatchObject({
      ts: root.ts,
      text: "Alert firing (2 checks)",
      edited: true,
    });
    expect(nth(stream.events, 2).data).toMatchObject({ ts: reply.ts, threadTs: root.ts });
    expect(nth(stream.events, 3).data).toMatchObject({ text: "Only for alice", ephemeral: true });
    expect(nth(stream.events, 4).data).toEqual({ ts: reply.ts });
  });

  it("does not stream another person's ephemeral messages or other channels", async () => {
    const sb = await setup();
    sb.emulator.addChannel({ id: "C0OTHER", name: "other", members: [sb.emulator.botUserId, USER] });
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    await sb.client.chat.postMessage({ channel: "C0OTHER", text: "elsewhere" });
    await sb.client.chat.postMessage({ channel: CHANNEL, text: "marker" });
    await stream.next((x) => x.event === "message");
    expect(stream.events.map((e) => (e.data as { text: string }).text)).toEqual(["marker"]);
  });

  it("streams the Home view the bot publishes for the person", async () => {
    const sb = await setup();
    const stream = await openEvents(`${sb.origin}/sandbox/events`);
    cleanup.push(stream.close);
    const blocks = [{ type: "header", text: { type: "plain_text", text: "Your subscriptions" } }];
    await sb.client.views.publish({ user_id: USER, view: { type: "home", blocks } });
    expect((await stream.next((x) => x.event === "home")).data).toEqual({ blocks });
  });
});

describe("GET /sandbox/state", () => {
  it("returns the channel as the person sees it: replies, edits, their ephemeral messages, files and Home", async () => {
    const sb = await setup();
    const png = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#36c5f0" } })
      .png()
      .toBuffer();
    await sb.client.files.uploadV2({ channel_id: CHANNEL, file: png, filename: "chart.png", title: "Chart" });
    const root = await sb.client.chat.postMessage({ channel: CHANNEL, text: "root" });
    await sb.client.chat.postMessage({ channel: CHANNEL, thread_ts: must(root.ts), text: "reply" });
    await sb.client.chat.update({ channel: CHANNEL, ts: must(root.ts), text: "root, edited" });
    await sb.client.chat.postEphemeral({ channel: CHANNEL, user: USER, text: "mine" });
    await sb.client.views.publish({ user_id: USER, view: { type: "home", blocks: [{ type: "divider" }] } });

    const state = (await (await fetch(`${sb.origin}/sandbox/state`)).json()) as PageState;
    expect(state.channel).toEqual({ id: CHANNEL, name: "general" });
    expect(state.me).toEqual({ id: USER, name: "alice" });
    expect(state.runDue).toBe(false);
    expect(state.home).toEqual({ blocks: [{ type: "divider" }] });
    expect(state.messages.map((m) => [m.text, m.threadTs === root.ts, m.edited, m.ephemeral])).toEqual([
      ["", false, false, false],
      ["root, edited", false, true, false],
      ["reply", true, false, false],
      ["mine", false, false, true],
    ]);
    const file = nth(nth(state.messages, 0).files, 0);
    expect(file).toMatchObject({ title: "Chart", image: true, url: `/sandbox/files/${file.id}` });
    const bytes = await fetch(`${sb.origin}${file.url}`);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await bytes.arrayBuffer()).equals(png)).toBe(true);
  });
});
