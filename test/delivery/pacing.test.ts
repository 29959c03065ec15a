import { afterEach, describe, expect, it } from "vitest";
import { createDelivery } from "../../src/delivery/index.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../fakes/slack.ts";

describe("delivery: per-channel pace", () => {
  let slack: SlackEmulator;
  afterEach(() => slack.close());

  it("spaces 3 posts to one channel at least 1.1 s apart while another channel is not delayed", async () => {
    const clock = new ManualClock(Date.parse("2025-08-27T06:00:00Z"));
    const start = clock.now();
    slack = await startSlackFake({
      clock,
      channels: [
        { id: "C0BUSY", name: "busy", members: ["U0BOT"] },
        { id: "C0QUIET", name: "quiet", members: ["U0BOT"] },
      ],
    });
    // Sleeps park until the test lets time pass, so we can look at who is waiting.
    const parked: Array<{ ms: number; wake: () => void }> = [];
    const delivery = createDelivery(clientFor(slack), {
      clock,
      sleep: (ms) => new Promise<void>((wake) => parked.push({ ms, wake })),
    });

    const busy = [1, 2, 3].map((n) => delivery.post({ channel: "C0BUSY", message: { text: `busy ${n}` } }));
    const quiet = await delivery.post({ channel: "C0QUIET", message: { text: "quiet" } });
    await busy[0];
    await until(() => parked.length === 1);
    expect(slack.messagesIn("C0BUSY")).toHaveLength(1);
    expect(slack.messagesIn("C0QUIET").map((m) => m.ts)).toEqual([quiet.ts]);

    let done = false;
    void Promise.all(busy).then(() => {
      done = true;
    });
    while (!done) {
      await until(() => parked.length > 0 || done);
      const next = parked.shift();
      if (next === undefined) continue;
      clock.advance(next.ms);
      next.wake();
    }

    const at = slack
      .callsOf("chat.postMessage")
      .filter((c) => c.args.channel === "C0BUSY")
      .map((c) => c.at - start);
    expect(at[0]).toBe(0);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(1100);
    expect((at[2] ?? 0) - (at[1] ?? 0)).toBeGreaterThanOrEqual(1100);
    const quietAt = slack.callsOf("chat.postMessage").find((c) => c.args.channel === "C0QUIET")?.at;
    expect(quietAt).toBe(start);
    expect(slack.messagesIn("C0BUSY").map((m) => m.text)).toEqual(["busy 1", "busy 2", "busy 3"]);
  });

  it("refuses a post at once with channel_busy when the channel already holds its limit, and posts the others", async () => {
    const clock = new ManualClock(Date.parse("2025-08-27T06:00:00Z"));
    slack = await startSlackFake({
      clock,
      channels: [
        { id: "C0BUSY", name: "busy", members: ["U0BOT"] },
        { id: "C0QUIET", name: "quiet", members: ["U0BOT"] },
      ],
    });
    const parked: Array<{ ms: number; wake: () => void }> = [];
    const delivery = createDelivery(clientFor(slack), {
      clock,
      sleep: (ms) => new Promise<void>((wake) => parked.push({ ms, wake })),
      maxQueuedPerChannel: 2,
    });
    const held = [1, 2].map((n) => delivery.post({ channel: "C0BUSY", message: { text: `busy ${n}` } }));
    const third = delivery.post({ channel: "C0BUSY", message: { text: "busy 3" } });
    await expect(third).rejects.toMatchObject({
      code: "channel_busy",
      kind: "transient",
      message: expect.stringContaining("2 messages are already waiting to go into <#C0BUSY>"),
    });
    // Another channel is not held by the full one.
    await delivery.post({ channel: "C0QUIET", message: { text: "quiet" } });

    // Sleeps park until the test lets time pass.
    const drain = async (posts: Promise<unknown>[]) => {
      let done = false;
      void Promise.all(posts).then(() => {
        done = true;
      });
      while (!done) {
        await until(() => parked.length > 0 || done);
        const next = parked.shift();
        if (next === undefined) continue;
        clock.advance(next.ms);
        next.wake();
      }
    };
    await drain(held);
    expect(slack.messagesIn("C0BUSY").map((m) => m.text)).toEqual(["busy 1", "busy 2"]);
    // Once the channel has drained it takes posts again.
    await drain([delivery.post({ channel: "C0BUSY", message: { text: "busy 4" } })]);
    expect(slack.messagesIn("C0BUSY").map((m) => m.text)).toEqual(["busy 1", "busy 2", "busy 4"]);
  });
});

/** Lets loopback I/O run until `cond` holds; fails after 2 s of real time (no clock involved). */
async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("condition not reached within 2 s");
    await new Promise((r) => setTimeout(r, 2));
  }
}
