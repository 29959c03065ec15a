/**
 * Conditional delivery (`when=`), end to end through the worker: a skipped run is recorded as
 * skipped with its reason, posts nothing, tells nobody, and does not count as a failure.
 */
import { afterEach, describe, expect, it } from "vitest";
import { channelItems } from "../../src/slack/item-views.ts";
import { listReply } from "../../templates/item-list.ts";
import { CHANNEL, type Harness, startHarness, TEAM } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// An offer id no simulated club has: every bucket is 0.
const NOTHING = "last 24h interval=1h offer_id=999999999";

describe("when=nonzero", () => {
  it("skips a digest with no usages: nothing posted, the run recorded as skipped, no failure counted, shown in the list", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({
      cron: "0 * * * *",
      createdAt: "2026-06-10T05:30:00Z",
      query: NOTHING,
      deliverWhen: "nonzero",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    await h.tickAt("2026-06-10T07:00:00Z");

    expect(h.digests()).toHaveLength(0);
    expect(h.dms()).toHaveLength(0);
    const runs = await h.runs(sub);
    expect(runs.map((r) => [r.state, r.error])).toEqual([
      ["skipped", "no usages"],
      ["skipped", "no usages"],
    ]);
    const after = await h.reload(sub);
    expect(after.state).toBe("active");
    expect(after.consecutiveFailures).toBe(0);
    expect(after.lastSkipReason).toBe("no usages");
    // 07:00 UTC is 09:00 in Oslo.
    const list = listReply(await channelItems(h.deps, TEAM, CHANNEL));
    expect(list.text).toContain(`#${sub.id}`);
    expect(JSON.stringify(list.blocks)).toContain("skipped at 09:00: no usages");
    expect(JSON.stringify(list.blocks)).toContain("when=nonzero");
  });

  it("posts as usual when there are usages, and a delivery clears the skipped note", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({
      cron: "0 * * * *",
      createdAt: "2026-06-10T05:30:00Z",
      query: "last 24h interval=1h",
      deliverWhen: "nonzero",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    expect(h.digests()).toHaveLength(1);
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["delivered"]);
    expect((await h.reload(sub)).lastSkippedAt).toBeNull();
  });
});

describe("when=changed", () => {
  it("skips while the total moved less than the threshold against the previous period, with the move in the reason", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    // No day moves a thousandfold: every run is skipped, each with its own percentage.
    const sub = await h.subscribe({
      cron: "0 * * * *",
      createdAt: "2026-06-10T05:30:00Z",
      query: "last 24h interval=1h",
      deliverWhen: "changed:1000",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    expect(h.digests()).toHaveLength(0);
    const [run] = await h.runs(sub);
    expect(run?.state).toBe("skipped");
    expect(run?.error).toMatch(/^changed [+-]?[\d.,]+% \(needs more than 1,000%\)$/);
    expect((await h.reload(sub)).consecutiveFailures).toBe(0);
  });

  it("posts when the total moved more than the threshold (here any move above 0.1 %)", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({
      cron: "0 * * * *",
      createdAt: "2026-06-10T05:30:00Z",
      query: "last 24h interval=1h",
      deliverWhen: "changed:0.1",
    });
    await h.tickAt("2026-06-10T06:00:00Z");
    const [run] = await h.runs(sub);
    // The simulator's two days differ (seeded noise); if they were equal, the skip reason says so.
    expect(run?.state, run?.error ?? "").toBe("delivered");
    expect(h.digests()).toHaveLength(1);
  });
});

describe("csv=yes", () => {
  it("attaches the digest's numbers as a CSV in its thread, every run, summing to the digest's total", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z", attachCsv: true });
    await h.tickAt("2026-06-10T06:00:00Z");
    await h.tickAt("2026-06-10T07:00:00Z");
    const digests = h.digests();
    expect(digests).toHaveLength(2);
    for (const d of digests) {
      const files = h.emulator.messagesIn(CHANNEL).filter((m) => m.thread_ts === d.ts && m.files.length > 0);
      expect(files).toHaveLength(1);
      const csv = h.emulator.files.get(files[0]?.files[0]?.id ?? "")?.bytes?.toString("utf8") ?? "";
      const sum = csv
        .split("\r\n")
        .slice(1)
        .filter((l) => l !== "")
        .reduce((a, l) => a + Number(l.split(",").at(-1)), 0);
      expect(sum).toBe(Number(/Total: ([\d,]+)/.exec(d.text)?.[1]?.replaceAll(",", "")));
    }
  });

  it("a digest without csv=yes gets no file in its thread", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    await h.tickAt("2026-06-10T06:00:00Z");
    const [d] = h.digests();
    expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.thread_ts === d?.ts)).toHaveLength(0);
  });
});
