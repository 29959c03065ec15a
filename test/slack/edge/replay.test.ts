/**
 * The replay memory: a verified (timestamp, signature) pair is refused again until its timestamp
 * is too old to pass the freshness check anyway, and the memory never holds more than its cap.
 */
import { expect, test } from "vitest";
import { ReplayGuard } from "../../../src/slack/edge/replay.ts";
import { ManualClock } from "../../../src/util/clock.ts";

const T0 = Date.parse("2025-08-27T08:07:00Z");
const ts = T0 / 1000;

test("a pair is refused again for the rest of its 5-minute window, then forgotten", () => {
  const clock = new ManualClock(T0);
  const g = new ReplayGuard({ windowSeconds: 300, maxEntries: 100, now: () => clock.now() });
  expect(g.firstTime(ts, "v0=a")).toBe(true);
  clock.advance(299_000);
  expect(g.firstTime(ts, "v0=a")).toBe(false);
  // Another signature at the same second is another request.
  expect(g.firstTime(ts, "v0=b")).toBe(true);
  clock.advance(2_000);
  // 301 s on, the freshness check refuses this timestamp anyway; nothing needs to be remembered.
  expect(g.firstTime(ts + 1, "v0=c")).toBe(true);
  expect(g.size).toBe(1);
});

test("the memory holds at most its cap, forgetting the oldest first", () => {
  const clock = new ManualClock(T0);
  const g = new ReplayGuard({ windowSeconds: 300, maxEntries: 1_000, now: () => clock.now() });
  for (let i = 0; i < 5_000; i++) expect(g.firstTime(ts, `v0=${i}`)).toBe(true);
  expect(g.size).toBe(1_000);
  expect(g.evicted).toBe(4_000);
  expect(g.firstTime(ts, "v0=4999")).toBe(false);
});
