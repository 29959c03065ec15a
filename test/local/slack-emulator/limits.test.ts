import { afterEach, describe, expect, it } from "vitest";
import { startSlackEmulator } from "../../../src/local/slack-emulator/index.ts";
import { ManualClock } from "../../../src/util/clock.ts";
import { type SlackEmulator, startSlackFake } from "../../fakes/slack.ts";

const T0 = Date.parse("2025-08-27T08:00:00Z");

/** One raw Web API call, so the test sees Slack's HTTP answer itself (status and Retry-After). */
async function call(slack: SlackEmulator, method: string, args: Record<string, string>) {
  const res = await fetch(`${slack.apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${slack.token}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(args).toString(),
  });
  const body = (await res.json()) as { ok: boolean; error?: string };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), ...body };
}

const post = (slack: SlackEmulator, channel: string, text = "hi") =>
  call(slack, "chat.postMessage", { channel, text });

describe("Slack emulator: rate limits", () => {
  let slack: SlackEmulator;
  afterEach(() => slack.close());

  it("answers 429 with Retry-After to a second post into one channel in the same second, and takes it a second later", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({
      clock,
      limits: true,
      channels: [
        { id: "C0A", name: "a", members: ["U0BOT"] },
        { id: "C0B", name: "b", members: ["U0BOT"] },
      ],
    });
    expect(await post(slack, "C0A")).toMatchObject({ status: 200, ok: true });
    clock.advance(400);
    expect(await post(slack, "C0A")).toMatchObject({
      status: 429,
      retryAfter: "1",
      ok: false,
      error: "ratelimited",
    });
    // Another channel has its own limit.
    expect(await post(slack, "C0B")).toMatchObject({ status: 200, ok: true });
    clock.advance(600);
    expect(await post(slack, "C0A")).toMatchObject({ status: 200, ok: true });
    expect(slack.messagesIn("C0A")).toHaveLength(2);
    expect(slack.callsOf("chat.postMessage").map((c) => c.outcome)).toEqual(["ok", "http_429", "ok", "ok"]);
  });

  it("answers 429 once a method is over its tier, with the seconds until a call is free", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({
      clock,
      limits: { methods: { "files.getUploadURLExternal": { perMinute: 6, burst: 2 } } },
    });
    const ask = () => call(slack, "files.getUploadURLExternal", { filename: "a.png", length: "10" });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    // 6 a minute is one every 10 s: the third call is early by 10 s.
    expect(await ask()).toMatchObject({ status: 429, retryAfter: "10", error: "ratelimited" });
    clock.advance(9_000);
    expect(await ask()).toMatchObject({ status: 429, retryAfter: "1" });
    clock.advance(1_000);
    expect((await ask()).status).toBe(200);
    // The other methods keep Slack's tiers: completing an upload is not held by the URL limit.
    const done = await call(slack, "files.completeUploadExternal", { files: "[]" });
    expect(done.status).toBe(200);
  });

  it("limits chat.update at Tier 3 (50 a minute, bursts of 5) when started with Slack's figures", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({ clock, limits: true });
    const posted = await post(slack, "C0GENERAL");
    const ts = (posted as unknown as { ts: string }).ts;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call(slack, "chat.update", { channel: "C0GENERAL", ts, text: `v${i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // 50 a minute refills one call in 1.2 s.
    clock.advance(1_200);
    expect((await call(slack, "chat.update", { channel: "C0GENERAL", ts, text: "v7" })).status).toBe(200);
  });

  it("takes a Tier 4 burst of 50 uploads at once with Slack's figures, and refuses the 51st", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({ clock, limits: true });
    const ask = () => call(slack, "files.getUploadURLExternal", { filename: "a.png", length: "10" });
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) statuses.push((await ask()).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.at(-1)).toBe(429);
    // 100 a minute refills one call in 0.6 s.
    clock.advance(600);
    expect((await ask()).status).toBe(200);
  });

  it("takes any number of posts in the same second when limits are off, as before", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({ clock });
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await post(slack, "C0GENERAL", `m${i}`));
    expect(answers.every((a) => a.status === 200 && a.ok)).toBe(true);
    expect(slack.messagesIn("C0GENERAL")).toHaveLength(20);
  });

  it("refuses a limit it cannot apply, naming it", async () => {
    await expect(
      startSlackEmulator({ limits: { methods: { "chat.update": { perMinute: 0 } } } }),
    ).rejects.toThrow(/chat\.update must have perMinute > 0/);
    slack = await startSlackFake({});
  });
});
