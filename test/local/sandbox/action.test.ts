import { afterEach, describe, expect, it } from "vitest";
import {
  CHANNEL,
  nth,
  postJson,
  type SandboxServer,
  startSandbox,
  startSignedEndpoint,
  USER,
} from "./harness.ts";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup() {
  const bot = await startSignedEndpoint();
  const sb: SandboxServer = await startSandbox(bot.url);
  cleanup.push(bot.close, sb.close);
  return { bot, sb };
}

const BLOCKS = [
  { type: "section", block_id: "sub", text: { type: "mrkdwn", text: "*Daily digest* at 08:00" } },
  {
    type: "actions",
    block_id: "sub-actions",
    elements: [
      {
        type: "button",
        action_id: "subscription_pause",
        value: "sub_42",
        text: { type: "plain_text", text: "Pause" },
      },
    ],
  },
];

interface Payload {
  actions: Array<Record<string, unknown>>;
  response_url?: string;
  trigger_id: string;
  container: Record<string, unknown>;
  channel?: unknown;
  [key: string]: unknown;
}

function payloadOf(body: URLSearchParams): Payload {
  return JSON.parse(body.get("payload") ?? "null") as Payload;
}

describe("POST /sandbox/action", () => {
  it("a button press reaches the bot as a signed block_actions payload naming the message, button and person", async () => {
    const { bot, sb } = await setup();
    const posted = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: "Daily digest",
      blocks: BLOCKS,
    });
    const res = await postJson(`${sb.origin}/sandbox/action`, {
      ts: posted.ts,
      action_id: "subscription_pause",
      block_id: "sub-actions",
      value: "sub_42",
      text: "Pause",
    });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    expect(bot.rejected).toBe(0);
    const r = nth(bot.received, 0);
    expect(r.contentType).toBe("application/x-www-form-urlencoded");
    const p = payloadOf(r.form);
    expect(p).toMatchObject({
      type: "block_actions",
      user: { id: USER, username: "alice", team_id: sb.emulator.teamId },
      team: { id: sb.emulator.teamId },
      channel: { id: CHANNEL, name: "general" },
      container: { type: "message", message_ts: posted.ts, channel_id: CHANNEL, is_ephemeral: false },
      message: { ts: posted.ts, text: "Daily digest", blocks: BLOCKS, user: sb.emulator.botUserId },
      actions: [
        { type: "button", action_id: "subscription_pause", block_id: "sub-actions", value: "sub_42" },
      ],
    });
    expect(nth(p.actions).action_ts).toMatch(/^\d+\.\d{6}$/);
    expect(p.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(p.response_url).toMatch(/\/response\/\w+$/);
  });

  it("the interaction's response_url can replace the pressed message in place", async () => {
    const { bot, sb } = await setup();
    const posted = await sb.client.chat.postMessage({
      channel: CHANNEL,
      text: "Daily digest",
      blocks: BLOCKS,
    });
    await postJson(`${sb.origin}/sandbox/action`, {
      ts: posted.ts,
      action_id: "subscription_pause",
      block_id: "sub-actions",
    });
    const url = payloadOf(nth(bot.received, 0).form).response_url as string;
    expect((await postJson(url, { replace_original: true, text: "Paused" })).status).toBe(200);
    const [m] = sb.emulator.messagesIn(CHANNEL);
    expect(m).toMatchObject({ ts: posted.ts, text: "Paused", edited: { user: sb.emulator.botUserId } });
  });

  it("a button on the person's ephemeral message is marked is_ephemeral", async () => {
    const { bot, sb } = await setup();
    const { message_ts } = await sb.client.chat.postEphemeral({
      channel: CHANNEL,
      user: USER,
      text: "Only you",
      blocks: BLOCKS,
    });
    await postJson(`${sb.origin}/sandbox/action`, {
      ts: message_ts,
      action_id: "subscription_pause",
      block_id: "sub-actions",
    });
    expect(payloadOf(nth(bot.received, 0).form).container).toMatchObject({ message_ts, is_ephemeral: true });
  });

  it("refuses a press on a message that is not in the channel, naming the ts", async () => {
    const { bot, sb } = await setup();
    const res = await postJson(`${sb.origin}/sandbox/action`, {
      ts: "1.000001",
      action_id: "a",
      block_id: "b",
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: "message_not_found",
      message: expect.stringContaining("1.000001"),
    });
    const bad = await postJson(`${sb.origin}/sandbox/action`, { ts: "1.000001" });
    expect(bad.status).toBe(400);
    expect(bot.received).toHaveLength(0);
  });

  it("a button in the Home tab is sent with the view as its container", async () => {
    const { bot, sb } = await setup();
    await sb.client.views.publish({
      user_id: USER,
      view: { type: "home", blocks: BLOCKS as never },
    });
    await postJson(`${sb.origin}/sandbox/action`, {
      action_id: "subscription_pause",
      block_id: "sub-actions",
      value: "sub_42",
    });
    const p = payloadOf(nth(bot.received, 0).form);
    expect(p).toMatchObject({
      type: "block_actions",
      container: { type: "view", view_id: expect.stringMatching(/^V/) },
      view: { type: "home", blocks: BLOCKS },
      actions: [{ action_id: "subscription_pause", value: "sub_42" }],
    });
    expect(p.channel).toBeUndefined();
  });
});

describe("POST /sandbox/home", () => {
  it("opening the Home tab sends a signed app_home_opened event for the person", async () => {
    const { bot, sb } = await setup();
    expect(await (await postJson(`${sb.origin}/sandbox/home`, {})).json()).toEqual({ ok: true, status: 200 });
    const r = nth(bot.received, 0);
    expect(r.contentType).toBe("application/json");
    expect(JSON.parse(r.body)).toMatchObject({
      type: "event_callback",
      team_id: sb.emulator.teamId,
      event_id: expect.stringMatching(/^Ev/),
      event: { type: "app_home_opened", user: USER, tab: "home" },
    });
  });
});
