/** The worker prunes run history older than HISTORY_DAYS (90 by default) from its tick, once an hour. */
import { afterEach, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.ts";

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

it("a daily digest's runs older than 90 days are deleted by the tick; recent ones are kept", async () => {
  h = await startHarness("2025-01-01T07:00:00Z", { catchUpHours: 6 });
  const sub = await h.subscribe({ cron: "0 8 * * *", timezone: "UTC", createdAt: "2025-01-01T07:00:00Z" });
  await h.tickAt("2025-01-01T08:00:00Z");
  await h.tickAt("2025-01-02T08:00:00Z");
  expect(await h.runs(sub)).toHaveLength(2);
  // 90 days and an hour after the first run: it goes, the second (89 days old) stays.
  await h.tickAt("2025-04-01T09:00:00Z");
  const left = (await h.runs(sub)).map((r) => new Date(r.scheduledAt).toISOString());
  expect(left).not.toContain("2025-01-01T08:00:00.000Z");
  expect(left).toContain("2025-01-02T08:00:00.000Z");
});
