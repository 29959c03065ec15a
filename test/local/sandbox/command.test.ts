import { afterEach, describe, expect, it } from "vitest";
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

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(answer?: Parameters<typeof startSignedEndpoint>[0]) {
  const bot = await startSignedEndpoint(answer);
  const sb: SandboxServer = await startSandbox(bot.url);
  cleanup.push(bot.close, sb.close);
  return { bot, sb };
}

describe("POST /sandbox/command", () => {
  it("sends the typed /offers command to the bot as a signed slash command with Slack's form fields", async () => {
    const { bot, sb } = await setup();
    const res = await postJson(`${sb.origin}/sandbox/command`, {
      text: "  /offers report last 7d interval=1d ",
    });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    expect(bot.rejected).toBe(0);
    expect(bot.received).toHaveLength(1);
    const r = nth(bot.received, 0);
    expect(r.path).toBe("/slack/events");
    expect(r.contentType).toBe("application/x-www-form-urlencoded");
    const f = Object.fromEntries(r.form);
    expect(f).toMatchObject({
      command: "/offers",
      text: "report last 7d interval=1d",
      team_id: sb.emulator.teamId,
      channel_id: CHANNEL,
      channel_name: "general",
      user_id: USER,
      user_name: "alice",
      api_app_id: expect.stringMatching(/^A\w+$/),
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]+$/),
    });
    expect(f.response_url).toMatch(new RegExp(`^${sb.emulator.origin}/response/\\w+$`));
  });

  it("a reply through the command's response_url shows as an ephemeral message for the person who typed it", async () => {
    const { bot, sb } = await setup();
    await postJson(`${sb.origin}/sandbox/command`, { text: "/offers help" });
    const responseUrl = must(nth(bot.received, 0).form.get("response_url"));
    const reply = await postJson(responseUrl, { text: "Here is how to use /offers" });
    expect(reply.status).toBe(200);
    const [m] = sb.emulator.messagesIn(CHANNEL, { ephemeral: true });
    expect(m).toMatchObject({ text: "Here is how to use /offers", ephemeral: true, ephemeralUser: USER });
  });

  it("an acknowledgement with a body becomes a reply, as Slack shows ack(text)", async () => {
    const { sb } = await setup(() => ({
      status: 200,
      type: "application/json",
      body: JSON.stringify({ text: "Unknown word `lats`: did you mean `last`?" }),
    }));
    expect(
      await (await postJson(`${sb.origin}/sandbox/command`, { text: "/offers report lats 7d" })).json(),
    ).toEqual({
      ok: true,
      status: 200,
    });
    const shown = sb.emulator.messagesIn(CHANNEL, { ephemeral: true });
    expect(shown.map((m) => [m.text, m.ephemeral])).toEqual([
      ["Unknown word `lats`: did you mean `last`?", true],
    ]);
  });

  it("answers dispatch_failed when the bot refuses the request, as Slack does", async () => {
    const { sb } = await setup(() => ({ status: 500 }));
    const res = await postJson(`${sb.origin}/sandbox/command`, { text: "/offers help" });
    expect(await res.json()).toEqual({ ok: false, status: 500, error: "dispatch_failed" });
  });

  it("a wrong signing secret is caught by the bot's signature check", async () => {
    const bot = await startSignedEndpoint();
    const sb = await startSandbox(bot.url, { signingSecret: "not-the-bots-secret" });
    cleanup.push(bot.close, sb.close);
    const res = await postJson(`${sb.origin}/sandbox/command`, { text: "/offers help" });
    expect(await res.json()).toEqual({ ok: false, status: 401, error: "dispatch_failed" });
    expect(bot.rejected).toBe(1);
  });

  it("tells the person that only /offers commands work here, without bothering the bot", async () => {
    const { bot, sb } = await setup();
    for (const [text, says] of [
      ["hello there", "slash commands only; try /offers help"],
      ["/giphy cats", "/giphy is not a valid command here; try /offers help"],
    ] as const) {
      const res = await postJson(`${sb.origin}/sandbox/command`, { text });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe("bad_request");
      expect(body.message).toContain(says);
    }
    expect(bot.received).toHaveLength(0);
  });

  it("answers dispatch_failed when nothing listens at the bot's endpoint", async () => {
    const sb = await startSandbox("http://127.0.0.1:9/slack/events");
    cleanup.push(sb.close);
    const body = (await (
      await postJson(`${sb.origin}/sandbox/command`, { text: "/offers help" })
    ).json()) as {
      ok: boolean;
      error: string;
    };
    expect(body.ok).toBe(false);
    expect(body.error).toBe("dispatch_failed");
  });
});
