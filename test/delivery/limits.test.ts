import { afterEach, describe, expect, it } from "vitest";
import { createDelivery } from "../../src/delivery/index.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../fakes/slack.ts";
import { chartPng, digest } from "./helpers.ts";
import { until, VirtualTime } from "./virtual-time.ts";

const T0 = Date.parse("2025-08-27T08:00:00Z");
const channels = (ids: string[]) => ids.map((id) => ({ id, name: id.toLowerCase(), members: ["U0BOT"] }));
const limited = (slack: SlackEmulator) => slack.calls.filter((c) => c.outcome === "http_429");

describe("delivery: within Slack's limits (emulator with limits on)", () => {
  let slack: SlackEmulator;
  afterEach(() => slack.close());

  it("posts 10 messages into one channel at about one a second without a single 429", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({ clock, limits: true, channels: channels(["C0BUSY"]) });
    const time = new VirtualTime(clock);
    const delivery = createDelivery(clientFor(slack), { clock, sleep: time.sleep });
    const posts = Array.from({ length: 10 }, (_, i) =>
      delivery.post({ channel: "C0BUSY", message: { text: `digest ${i + 1}` } }),
    );
    await time.drive(posts);

    expect(limited(slack)).toEqual([]);
    expect(slack.messagesIn("C0BUSY").map((m) => m.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `digest ${i + 1}`),
    );
    const at = slack.callsOf("chat.postMessage").map((c) => c.at - T0);
    expect(at).toEqual(Array.from({ length: 10 }, (_, i) => i * 1100));
  });

  it("does not hold up messages to 9 other channels behind one busy channel", async () => {
    const clock = new ManualClock(T0);
    const quiet = Array.from({ length: 9 }, (_, i) => `C0QUIET${i}`);
    slack = await startSlackFake({ clock, limits: true, channels: channels(["C0BUSY", ...quiet]) });
    const time = new VirtualTime(clock);
    const delivery = createDelivery(clientFor(slack), { clock, sleep: time.sleep });
    const busy = Array.from({ length: 10 }, (_, i) =>
      delivery.post({ channel: "C0BUSY", message: { text: `busy ${i + 1}` } }),
    );
    // The quiet channels' posts are all out while no time has passed at all.
    await Promise.all(quiet.map((channel) => delivery.post({ channel, message: { text: "quiet" } })));
    expect(clock.now()).toBe(T0);
    for (const channel of quiet) expect(slack.messagesIn(channel)).toHaveLength(1);
    expect(slack.messagesIn("C0BUSY")).toHaveLength(1);

    await time.drive(busy);
    expect(slack.messagesIn("C0BUSY")).toHaveLength(10);
    expect(limited(slack)).toEqual([]);
  });

  it("after a 429 on completing an upload, holds only uploads: other posts and the next upload's first step go on", async () => {
    const clock = new ManualClock(T0);
    slack = await startSlackFake({ clock, limits: true, channels: channels(["C0A", "C0B", "C0C"]) });
    slack.injectFault({ method: "files.completeUploadExternal", status: 429, retryAfterSeconds: 5 });
    const time = new VirtualTime(clock);
    const delivery = createDelivery(clientFor(slack), { clock, sleep: time.sleep });
    const chart = await chartPng();

    const withChart = delivery.post({ channel: "C0A", message: digest, chart });
    await until(() => slack.callsOf("files.completeUploadExternal").length === 1 && time.parked.length === 1);
    expect(time.parked[0]?.ms).toBe(5000);
    // A text post and an edit in other channels do not wait for the uploads' Retry-After.
    const text = await delivery.post({ channel: "C0B", message: { text: "no chart" } });
    await delivery.update({ channel: "C0B", ts: text.ts, message: { text: "edited" } });
    expect(clock.now()).toBe(T0);
    const second = delivery.post({ channel: "C0C", message: digest, chart });
    // Its first step takes a slot of Tier 4's burst at once; only its completion waits: after the
    // Retry-After and one interval behind the first chart's retry (a 429 ends the burst).
    await until(() => time.parked.length === 2);
    expect(slack.callsOf("files.getUploadURLExternal").map((c) => c.at - T0)).toEqual([0, 0]);
    expect(time.parked.map((p) => p.ms)).toEqual([5000, 5667]);
    await time.drive([withChart, second], { eachSleeps: true });

    const completes = slack.callsOf("files.completeUploadExternal");
    expect(completes.map((c) => [c.outcome, c.at - T0 >= 5000])).toEqual([
      ["http_429", false],
      ["ok", true],
      ["ok", true],
    ]);
    // The second chart's first step (another method) was not held by the 429.
    const urls = slack.callsOf("files.getUploadURLExternal").map((c) => c.at - T0);
    expect(urls[1]).toBeLessThan(5000);
    for (const channel of ["C0A", "C0C"]) {
      const [message] = slack.messagesIn(channel);
      expect(message?.blocks?.some((b) => (b as { type: string }).type === "image")).toBe(true);
    }
    expect(limited(slack)).toHaveLength(1);
  });

  it("uploads 40 charts at once (Tier 4's burst), then paces the rest at 90 a minute, without a 429", async () => {
    const clock = new ManualClock(T0);
    const ids = Array.from({ length: 45 }, (_, i) => `C0R${String(i).padStart(2, "0")}`);
    slack = await startSlackFake({ clock, limits: true, channels: channels(ids) });
    const time = new VirtualTime(clock);
    const delivery = createDelivery(clientFor(slack), { clock, sleep: time.sleep });
    const chart = await chartPng();
    const posts = ids.map((channel) => delivery.post({ channel, message: digest, chart }));
    await time.drive(posts, { eachSleeps: true });

    expect(limited(slack)).toEqual([]);
    const urls = slack.callsOf("files.getUploadURLExternal").map((c) => c.at - T0);
    expect(urls.slice(0, 40).every((at) => at === 0)).toBe(true);
    // The 41st waits one interval (60 s / 90), the 45th five.
    expect(urls.slice(40)).toEqual([667, 1334, 2001, 2668, 3335]);
    for (const channel of ids) expect(slack.messagesIn(channel)).toHaveLength(1);
  });
});
