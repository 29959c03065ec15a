import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runKeyIn, startHarness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const iso = (ms: number) => new Date(ms).toISOString();
const scheduledOf = (key: string | undefined) => Number(key?.split(":")[2]);

/** Scheduled instants of the posted digests, in the order they were posted. */
function postedAt(harness: Harness): string[] {
  return harness.digests().map((m) => iso(scheduledOf(runKeyIn(m))));
}

/** Everything a person sees in a message: its fallback text and every block's text. */
function shown(m: { text: string; blocks?: unknown[] }): string {
  return `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;
}

describe("catching up after the worker was down", () => {
  it("delivers the runs missed in 3 h of downtime late, marked late, each covering its own period", async () => {
    // 2026-06-10: Europe/Oslo is +02:00, so 07:00Z is 09:00 local.
    h = await startHarness("2026-06-10T06:40:00Z");
    const sub = await h.subscribe({ cron: "*/30 * * * *", createdAt: "2026-06-10T06:40:00Z" });
    await h.tickThrough("2026-06-10T06:58:00Z", "2026-06-10T07:00:00Z");
    expect(postedAt(h)).toEqual(["2026-06-10T07:00:00.000Z"]);

    // Down from 09:00 to 12:00 local: the next tick is at 10:00Z.
    await h.tickAt("2026-06-10T10:00:00Z");
    const missed = ["07:30", "08:00", "08:30", "09:00", "09:30"].map((t) => `2026-06-10T${t}:00.000Z`);
    expect(postedAt(h)).toEqual(["2026-06-10T07:00:00.000Z", ...missed, "2026-06-10T10:00:00.000Z"]);

    const runs = (await h.runs(sub)).sort((a, b) => a.scheduledAt - b.scheduledAt);
    expect(runs.map((r) => [iso(r.scheduledAt), r.state, r.late])).toEqual([
      ["2026-06-10T07:00:00.000Z", "delivered", false],
      ...missed.map((t) => [t, "delivered", true]),
      ["2026-06-10T10:00:00.000Z", "delivered", false],
    ]);

    for (const m of h.digests()) {
      const due = scheduledOf(runKeyIn(m));
      const local = new Date(due + 2 * 3_600_000).toISOString().slice(11, 16);
      if (missed.includes(iso(due))) expect(shown(m)).toContain(`Sent late: this digest was due at`);
      else expect(shown(m)).not.toContain("Sent late");
      if (missed.includes(iso(due))) expect(shown(m)).toContain(local);
    }
    // The report period comes from the scheduled time, not from the 12:00 it was sent at: "last 24h"
    // of the 09:30 local run is the 24 whole hours before 09:00 (the hour still filling is left out).
    const first = h.digests().find((m) => scheduledOf(runKeyIn(m)) === Date.parse(missed[0] as string));
    expect(first?.text).toContain("2026-06-09 09:00 to 2026-06-10 09:00");
    const last = h.digests().find((m) => scheduledOf(runKeyIn(m)) === Date.parse(missed[4] as string));
    expect(last?.text).toContain("2026-06-09 11:00 to 2026-06-10 11:00");
    expect(h.dms()).toHaveLength(0);
  });

  it("after 8 h down, skips the runs older than CATCH_UP_HOURS=6, delivers the rest and tells the creator once", async () => {
    h = await startHarness("2026-06-10T05:30:00Z", { catchUpHours: 6 });
    const sub = await h.subscribe({ cron: "0 * * * *", createdAt: "2026-06-10T05:30:00Z" });
    await h.tickAt("2026-06-10T06:00:00Z");
    // Down 8 h: 07:00Z-13:00Z were missed; the window reaches back to 08:00Z.
    await h.tickAt("2026-06-10T14:00:00Z");
    await h.tickThrough("2026-06-10T14:01:00Z", "2026-06-10T14:10:00Z");

    const runs = (await h.runs(sub)).sort((a, b) => a.scheduledAt - b.scheduledAt);
    expect(runs.map((r) => [iso(r.scheduledAt).slice(11, 16), r.state, r.late])).toEqual([
      ["06:00", "delivered", false],
      ["07:00", "skipped", false],
      ...["08:00", "09:00", "10:00", "11:00", "12:00", "13:00"].map((t) => [t, "delivered", true]),
      ["14:00", "delivered", false],
    ]);
    expect(postedAt(h).map((t) => t.slice(11, 16))).toEqual([
      "06:00",
      "08:00",
      "09:00",
      "10:00",
      "11:00",
      "12:00",
      "13:00",
      "14:00",
    ]);
    const dms = h.dms();
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain(`#${sub.id}`);
    expect(dms[0]?.text).toContain("Wed 10 Jun 09:00");
    expect(dms[0]?.text).toMatch(/skipped.*longer than 6 h/);
    expect(h.emulator.callsOf("conversations.open")).toHaveLength(1);
  });

  it("a worker stopped while catching up leaves the missed runs to the next worker, none lost", async () => {
    h = await startHarness("2026-06-10T03:58:00Z");
    const sub = await h.subscribe({ cron: "*/5 * * * *", createdAt: "2026-06-10T03:58:00Z" });
    // Down from 04:00Z to 09:00Z: 61 runs to catch up; SIGTERM comes once the first has started.
    h.clock.set("2026-06-10T09:00:00Z");
    const ticked = h.worker.tick();
    while (h.simulator.requests.length === 0) await new Promise((r) => setImmediate(r));
    await h.worker.stop(0);
    await ticked;
    const first = h.digests().length;
    expect(first).toBeLessThan(61);

    const next = h.anotherWorker("worker-after-restart");
    await next.tick();
    await next.idle();
    const keys = h.digests().map(runKeyIn);
    expect(keys).toHaveLength(61);
    expect(new Set(keys).size).toBe(61);
    expect((await h.runs(sub)).every((r) => r.state === "delivered")).toBe(true);
  });

  it("does not deliver a run twice when the clock moves backwards", async () => {
    h = await startHarness("2026-06-10T05:00:00Z");
    const sub = await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-06-10T05:00:00Z" });
    await h.tickThrough("2026-06-10T05:58:00Z", "2026-06-10T06:02:00Z");
    expect(postedAt(h)).toEqual(["2026-06-10T06:00:00.000Z"]);
    // NTP steps the clock back 32 minutes; the worker ticks through 08:00 local again.
    await h.tickThrough("2026-06-10T05:30:00Z", "2026-06-10T06:05:00Z");
    expect(postedAt(h)).toEqual(["2026-06-10T06:00:00.000Z"]);
    expect((await h.runs(sub)).map((r) => r.state)).toEqual(["delivered"]);
    expect((await h.reload(sub)).nextRunAt).toBe(Date.parse("2026-06-11T06:00:00Z"));
  });
});
