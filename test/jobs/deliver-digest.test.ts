/**
 * deliverDigest tells the worker what became of one claimed run, as a value it can branch on:
 * delivered (with the message), failed (and whether the subscription was paused), released on
 * shutdown, or lost to another worker. Real store, Slack emulator and Placewise simulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { deliverDigest, type RunContext } from "../../jobs/deliver-digest.ts";
import { claimRun, extendLease, getRun } from "../../src/store/runs.ts";
import type { Subscription } from "../../src/store/subscriptions.ts";
import { BOT, CHANNEL, type Harness, startHarness, TEAM } from "./harness.ts";

const OWNER = "worker-direct";
const LEASE_MS = 120_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function claimAt(harness: Harness, sub: Subscription, iso: string) {
  harness.clock.set(iso);
  const run = await claimRun(harness.deps.db, {
    teamId: TEAM,
    subscriptionId: sub.id,
    scheduledAt: Date.parse(iso),
    owner: OWNER,
    leaseMs: LEASE_MS,
    now: harness.clock.now(),
    late: false,
  });
  if (run === null) throw new Error("the claim was lost");
  return run;
}

function context(signal = new AbortController().signal): RunContext {
  return { owner: OWNER, leaseMs: LEASE_MS, sleep: async () => {}, signal };
}

describe("deliverDigest outcomes", () => {
  it("delivered: names the posted message, which is in the channel", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    const run = await claimAt(h, sub, "2026-06-10T06:00:00Z");
    const outcome = await deliverDigest(h.deps, run, context());
    expect(outcome).toMatchObject({ kind: "delivered", channel: CHANNEL, reused: false });
    if (outcome.kind !== "delivered") throw new Error("not delivered");
    expect(h.digests().map((m) => m.ts)).toEqual([outcome.ts]);
    expect((await getRun(h.deps.db, TEAM, run.id))?.state).toBe("delivered");
  });

  it("failed and paused: the bot was removed from the channel", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.emulator.setMember(CHANNEL, BOT, false);
    const run = await claimAt(h, sub, "2026-06-10T06:00:00Z");
    const outcome = await deliverDigest(h.deps, run, context());
    expect(outcome).toMatchObject({ kind: "failed", paused: true });
    if (outcome.kind !== "failed") throw new Error("not failed");
    expect(outcome.reason).toContain("removed");
    expect((await h.reload(sub)).state).toBe("paused");
  });

  it("lost: another worker took the claim over before the post, and nothing is posted", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    const run = await claimAt(h, sub, "2026-06-10T06:00:00Z");
    // The lease ran out and the other worker claimed it: this owner no longer holds it.
    await extendLease(h.deps.db, TEAM, run.id, { owner: OWNER, leaseUntil: 0 });
    const other = await claimRun(h.deps.db, {
      teamId: TEAM,
      subscriptionId: sub.id,
      scheduledAt: run.scheduledAt,
      owner: "worker-other",
      leaseMs: LEASE_MS,
      now: h.clock.now(),
      late: false,
    });
    expect(other?.leaseOwner).toBe("worker-other");
    expect(await deliverDigest(h.deps, run, context())).toEqual({ kind: "lost" });
    expect(h.digests()).toHaveLength(0);
  });

  it("released: shutdown aborted the run while it waited to try again", async () => {
    h = await startHarness("2026-06-10T05:30:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:30:00Z" });
    h.simulator.injectFault({ kind: "status", status: 503, times: 100_000 });
    const run = await claimAt(h, sub, "2026-06-10T06:00:00Z");
    const abort = new AbortController();
    const ctx = { ...context(abort.signal), sleep: async () => abort.abort() };
    expect(await deliverDigest(h.deps, run, ctx)).toEqual({ kind: "released" });
    expect(h.digests()).toHaveLength(0);
    expect((await getRun(h.deps.db, TEAM, run.id))?.state).toBe("claimed");
  });
});
