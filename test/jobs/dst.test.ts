import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runKeyIn, startHarness } from "./harness.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The scheduled instants of the digests posted so far, as ISO strings. */
function postedAt(harness: Harness): string[] {
  return harness.digests().map((m) => new Date(Number(runKeyIn(m)?.split(":")[2])).toISOString());
}

describe("digest worker on DST change days (Europe/Oslo)", () => {
  it("a daily 08:00 digest fires at 08:00 local on the spring change day (06:00Z), not a minute early", async () => {
    h = await startHarness("2026-03-28T12:00:00Z");
    await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-03-28T12:00:00Z" });
    await h.tickThrough("2026-03-29T05:55:00Z", "2026-03-29T05:59:00Z");
    expect(h.digests()).toHaveLength(0);
    await h.tickThrough("2026-03-29T06:00:00Z", "2026-03-29T06:05:00Z");
    expect(postedAt(h)).toEqual(["2026-03-29T06:00:00.000Z"]);
    // Posted during the 06:00Z tick itself: on time, not marked late.
    expect(h.digests()[0]?.text).not.toMatch(/late/i);
  });

  it("a daily 08:00 digest fires at 08:00 local on the autumn change day (07:00Z)", async () => {
    h = await startHarness("2026-10-24T12:00:00Z");
    await h.subscribe({ cron: "0 8 * * *", createdAt: "2026-10-24T12:00:00Z" });
    await h.tickThrough("2026-10-25T05:58:00Z", "2026-10-25T06:59:00Z", 1);
    expect(h.digests()).toHaveLength(0);
    await h.tickThrough("2026-10-25T07:00:00Z", "2026-10-25T07:03:00Z");
    expect(postedAt(h)).toEqual(["2026-10-25T07:00:00.000Z"]);
  });

  it("a daily 02:30 digest runs once at 03:00 local when 02:30 does not exist (spring)", async () => {
    h = await startHarness("2026-03-28T12:00:00Z");
    const sub = await h.subscribe({ cron: "30 2 * * *", createdAt: "2026-03-28T12:00:00Z" });
    // 00:50Z-01:10Z is 01:50 +01:00 through 03:10 +02:00: the whole gap and either side of it.
    await h.tickThrough("2026-03-29T00:50:00Z", "2026-03-29T01:10:00Z");
    expect(postedAt(h)).toEqual(["2026-03-29T01:00:00.000Z"]);
    const runs = await h.runs(sub);
    expect(runs.map((r) => [r.state, r.late])).toEqual([["delivered", false]]);
  });

  it("a daily 02:30 digest runs once on the autumn day, at the first of the two 02:30s (00:30Z)", async () => {
    h = await startHarness("2026-10-24T12:00:00Z");
    await h.subscribe({ cron: "30 2 * * *", createdAt: "2026-10-24T12:00:00Z" });
    // 00:00Z-02:00Z is 02:00 +02:00 through 03:00 +01:00: both passes through 02:30.
    await h.tickThrough("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", 5);
    expect(postedAt(h)).toEqual(["2026-10-25T00:30:00.000Z"]);
  });

  it("a */30 digest through the autumn change runs each local time once, skipping the repeated hour", async () => {
    h = await startHarness("2026-10-24T22:45:00Z");
    await h.subscribe({ cron: "*/30 * * * *", createdAt: "2026-10-24T22:45:00Z" });
    // 01:00 +02:00 (23:00Z) to 04:00 +01:00 (03:00Z), ticking every minute.
    await h.tickThrough("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z");
    // dst.ts: 02:00 and 02:30 run in the first pass (+02:00) and not again in the repeated hour, so
    // there is no run for 90 real minutes (00:30Z → 02:00Z).
    expect(postedAt(h)).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-24T23:30:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T02:00:00.000Z",
      "2026-10-25T02:30:00.000Z",
      "2026-10-25T03:00:00.000Z",
    ]);
  });
});
