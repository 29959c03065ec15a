import { afterEach, describe, expect, it } from "vitest";
import { createDelivery, type Delivery } from "../../src/delivery/index.ts";
import { MemoryRateGate, type RateGate } from "../../src/delivery/rate-gate.ts";
import { DatabaseRateGate } from "../../src/delivery/rate-gate-db.ts";
import { ManualClock } from "../../src/util/clock.ts";
import { clientFor, type SlackEmulator, startSlackFake } from "../fakes/slack.ts";
import { targets, useStore } from "../store/databases.ts";
import { VirtualTime } from "./virtual-time.ts";

const T0 = Date.parse("2025-08-27T08:00:00Z");
const postgres = targets.filter((t) => t.name === "postgres");

/** Two deliveries (as in two worker processes: own client, own gate object) post 5 each into one channel. */
async function twoWorkers(slack: SlackEmulator, clock: ManualClock, gates: [RateGate, RateGate]) {
  const time = new VirtualTime(clock);
  const workers: Delivery[] = gates.map((gate) =>
    createDelivery(clientFor(slack), { clock, sleep: time.sleep, gate, max429Waits: 10 }),
  );
  // Each worker's posts to the channel go one at a time, so each worker is one line of sleeps.
  const lines = workers.map(async (d, w) => {
    for (let i = 1; i <= 5; i++) await d.post({ channel: "C0SHARED", message: { text: `w${w} #${i}` } });
  });
  await time.drive(lines, { eachSleeps: true });
  const posts = slack.callsOf("chat.postMessage");
  return {
    refused: posts.filter((c) => c.outcome === "http_429").length,
    okAt: posts.filter((c) => c.outcome === "ok").map((c) => c.at - T0),
  };
}

describe.each(postgres)("delivery: two processes sharing Slack's limits through $name", (target) => {
  describe.skipIf(target.skipReason !== null)("", () => {
    const store = useStore(target);
    let slack: SlackEmulator;
    afterEach(() => slack.close());

    const start = async (clock: ManualClock) =>
      startSlackFake({
        clock,
        limits: true,
        channels: [{ id: "C0SHARED", name: "shared", members: ["U0BOT"] }],
      });

    it("never exceed one post a second into a channel together, and lose no message", async () => {
      const clock = new ManualClock(T0);
      slack = await start(clock);
      // Separate pools, as two processes would have.
      const gates: [RateGate, RateGate] = [
        new DatabaseRateGate((await store.another()).db),
        new DatabaseRateGate((await store.another()).db),
      ];
      const { refused, okAt } = await twoWorkers(slack, clock, gates);
      expect(refused).toBe(0);
      expect(okAt).toEqual(Array.from({ length: 10 }, (_, i) => i * 1100));
      expect(slack.messagesIn("C0SHARED")).toHaveLength(10);
    });

    it("whereas two processes each pacing on their own walk into Slack's limit", async () => {
      const clock = new ManualClock(T0);
      slack = await start(clock);
      const { refused } = await twoWorkers(slack, clock, [new MemoryRateGate(), new MemoryRateGate()]);
      expect(refused).toBeGreaterThan(0);
      expect(slack.messagesIn("C0SHARED")).toHaveLength(10);
    });
  });
});
