import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runKeyIn, startHarness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const at = (iso: string) => Date.parse(iso);

describe("claims and leases inside a running worker", () => {
  it("does not take over its own runs still queued or in flight when the clock jumps past their lease", async () => {
    h = await startHarness("2026-06-10T05:40:00Z");
    const sub = await h.subscribe({ cron: "*/5 * * * *", createdAt: "2026-06-10T05:40:00Z" });
    // 150 ms per Placewise answer keeps the 4 runs busy while the clock jumps 5 minutes (lease 2 min).
    h.simulator.setLatency(150);
    h.clock.set("2026-06-10T06:00:00Z");
    expect(await h.worker.tick()).toMatchObject({ claimed: 4 });
    h.clock.set("2026-06-10T06:05:30Z");
    // 06:05 is new work; the 4 runs from 06:00 are this worker's own and stay with it.
    expect(await h.worker.tick()).toMatchObject({ claimed: 1, takenOver: 0 });
    await h.worker.idle();

    const runs = await h.runs(sub);
    expect(runs).toHaveLength(5);
    expect(runs.every((r) => r.state === "delivered" && r.attempts === 1)).toBe(true);
    expect(h.digests()).toHaveLength(5);
  });

  it("a worker that lost its claim while fetching does not post; the one that took it over posts once", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    const other = h.anotherWorker("worker-b");
    // Worker A claims 08:00 and is stuck on a slow Placewise (its heartbeat is not heard in time)...
    h.simulator.setLatency(800);
    h.clock.set("2026-06-10T06:00:00Z");
    expect(await h.worker.tick()).toMatchObject({ claimed: 1 });
    // Latency is taken when a request arrives: wait until A's 2 queries (current and previous
    // period) are in, so only they are slow.
    while (h.simulator.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    // ...its 2 min lease runs out, worker B takes the run over and, with Placewise quick again,
    // posts it while A is still waiting for its answer.
    h.simulator.setLatency(0);
    h.clock.set("2026-06-10T06:03:00Z");
    expect(await other.tick()).toMatchObject({ takenOver: 1 });
    await other.idle();
    expect(h.digests()).toHaveLength(1);
    await h.worker.idle();

    expect(h.digests().map(runKeyIn)).toEqual([`digest:${sub.id}:${at("2026-06-10T06:00:00Z")}`]);
    const [run] = await h.runs(sub);
    expect(run).toMatchObject({ state: "delivered", leaseOwner: "worker-b", attempts: 2, late: true });
    expect(h.digests()[0]?.ts).toBe(run?.slackTs);
  });
});
