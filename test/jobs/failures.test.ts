import { afterEach, describe, expect, it } from "vitest";
import { BOT, CHANNEL, type Harness, startHarness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("digest runs that fail", () => {
  it("pauses the subscription when the bot was removed from the channel, says why, and DMs the creator once", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.emulator.setMember(CHANNEL, BOT, false);
    // Down 3 h first, so several runs are due at once: still one failure, one pause, one DM.
    await h.tickAt("2026-06-10T09:00:00Z");
    await h.tickThrough("2026-06-10T09:01:00Z", "2026-06-10T11:00:00Z", 15);

    const paused = await h.reload(sub);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toContain("the bot was removed from <#C0OFFERS>");
    expect(paused.pausedReason).toContain("/invite");
    expect(h.digests()).toHaveLength(0);
    const dms = h.dms();
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain(`#${sub.id} in <#C0OFFERS> is paused: the bot was removed`);
    expect(dms[0]?.text).toContain(`/offers resume ${sub.id}`);
    // Not retried: waiting does not bring the bot back.
    expect(h.waits).toEqual([]);
    const runs = (await h.runs(sub)).sort((a, b) => a.scheduledAt - b.scheduledAt);
    expect(runs[0]?.state).toBe("failed");
    expect(runs[0]?.error).toContain("removed");
    expect(runs.every((r) => r.state === "failed")).toBe(true);
  });

  it("pauses the subscription when its channel was archived, and says how to fix it", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.emulator.archive(CHANNEL);
    await h.tickThrough("2026-06-10T06:00:00Z", "2026-06-10T08:00:00Z", 30);
    const paused = await h.reload(sub);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toBe(
      "<#C0OFFERS> is archived; unarchive it or move the subscription to another channel",
    );
    expect(h.dms()).toHaveLength(1);
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["failed"]);
  });

  it("pauses the subscription when Slack no longer accepts the bot's token, with the fix as the reason", async () => {
    h = await startHarness("2026-06-10T05:30:00Z", { slackToken: "xoxb-revoked" });
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    await h.tickThrough("2026-06-10T06:00:00Z", "2026-06-10T08:00:00Z", 30);
    const paused = await h.reload(sub);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toContain("reinstall the Slack app and update SLACK_BOT_TOKEN");
    // The DM cannot go out either (same token); the reason stays in /offers list.
    expect(h.dms()).toHaveLength(0);
    expect(h.waits).toEqual([]);
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["failed"]);
  });

  it("a Placewise 503 is retried and the digest goes out once, with nobody told", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 1 });
    await h.tickAt("2026-06-10T06:00:00Z");
    expect(h.digests()).toHaveLength(1);
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["delivered"]);
    expect(h.dms()).toHaveLength(0);
  });

  it("a Placewise outage longer than a run's attempts: a later tick tries again, the digest goes out once, marked late", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 100_000 });
    await h.tickAt("2026-06-10T06:00:00Z");
    const [waiting] = await h.runs(sub);
    expect(waiting?.state).toBe("claimed");
    expect(h.digests()).toHaveLength(0);
    expect(h.dms()).toHaveLength(0);
    // Two minutes of 503, then Placewise answers again: the next ticks take the run over.
    await h.tickAt("2026-06-10T06:01:00Z");
    h.simulator.clearFaults();
    await h.tickAt("2026-06-10T06:03:00Z");
    const [run] = await h.runs(sub);
    expect(run).toMatchObject({ state: "delivered", late: true });
    expect(run?.attempts).toBeGreaterThan(1);
    expect(h.digests()).toHaveLength(1);
    expect(JSON.stringify(h.digests()[0]?.blocks)).toContain("Sent late");
    expect(h.dms()).toHaveLength(0);
    expect((await h.reload(sub)).consecutiveFailures).toBe(0);
  });

  it("when Placewise fails longer than the client's own retries, the run tries again after 1 s and delivers", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    // 2 queries (current and previous period) × 4 client attempts: the whole first run attempt fails.
    h.simulator.injectFault({ kind: "status", status: 503, times: 8 });
    await h.tickAt("2026-06-10T06:00:00Z");
    expect(h.waits[0]).toBe(1_000);
    expect(h.digests()).toHaveLength(1);
    const [run] = await h.runs(sub);
    expect(run?.state).toBe("delivered");
    expect(run?.attempts).toBe(1);
    expect(h.dms()).toHaveLength(0);
    expect((await h.reload(sub)).consecutiveFailures).toBe(0);
  });

  it("tells the creator once per failed run (not per retry) and pauses after 3 failed runs in a row", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 10_000 });
    // Each hour's run is tried at its time and again by the tick 16 minutes later (a transient
    // failure is retried for 15 minutes, deliver-digest.ts RETRY_FOR_MS), then fails for good.
    for (const t of ["06:00", "06:16", "07:00", "07:16", "08:00", "08:16", "09:00", "10:00"])
      await h.tickAt(`2026-06-10T${t}:00Z`);

    // Each claim of a failed run waited 1 s and 4 s between its 3 attempts; two claims per run.
    expect(h.waits).toEqual(Array.from({ length: 6 }, () => [1_000, 4_000]).flat());
    const runs = (await h.runs(sub)).sort((a, b) => a.scheduledAt - b.scheduledAt);
    expect(runs.map((r) => r.state)).toEqual(["failed", "failed", "failed"]);
    const after = await h.reload(sub);
    expect(after.state).toBe("paused");
    expect(after.pausedReason).toMatch(/^3 runs in a row failed; last error: /);
    const dms = h.dms().map((m) => m.text);
    expect(dms).toHaveLength(3);
    expect(dms[0]).toContain("could not be delivered");
    expect(dms[1]).toContain("could not be delivered");
    expect(dms[2]).toContain("is paused: 3 runs in a row failed");
    expect(h.digests()).toHaveLength(0);
  });
});
