/**
 * What one command may cost Placewise, as the person sees it: an over-budget report, subscription
 * or alert is refused in the first answer, with the estimate and cheaper queries, and not one
 * request goes to Placewise.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppHarness, startApp } from "../support/harness.ts";

let h: AppHarness;
beforeAll(async () => {
  h = await startApp();
});
afterAll(async () => {
  await h?.close();
});

const requests = () => h.runtime.placewise.client.stats.requests;

describe("the per-command budget", () => {
  test("the 180-day hourly report by place is refused at once, with the numbers and cheaper queries that fit", async () => {
    const before = requests();
    const sent = await h.command("report last 180d interval=1h by=member_place_id");
    const answer = await h.reply(sent, { timeoutMs: 3_000, skipWorking: true });
    expect(sent.ack.json?.text).toBe(answer);
    expect(answer).toBe(
      ":warning: `last 180d interval=1h by=member_place_id` would take about 8,969 requests to Placewise (26,907 tokens); one command may use 40. by=member_place_id can have a thousand labels in one bucket, so each bucket may need a request of its own. Try `last 180d interval=1mo by=member_place_id` (about 24 requests) or `last 180d interval=1h` (about 31 requests).",
    );
    expect(requests()).toBe(before);
  });

  test("the cheaper query it suggests runs and posts a digest", async () => {
    const before = requests();
    const sent = await h.command("report last 180d interval=1h");
    const digest = await h.posted(sent, 30_000);
    expect(digest.text).toMatch(/last 180 days/);
    // About 31 estimated (nothing cached); the cache of earlier tests can only make it fewer.
    expect(requests() - before).toBeLessThanOrEqual(31);
    expect(requests() - before).toBeGreaterThan(0);
  }, 60_000);

  test("a subscription over the budget is refused when it is created, nothing saved", async () => {
    const rows = await h.rows();
    const sent = await h.command("subscribe daily 08:00 last 30d interval=1h by=member_city_place_id");
    const answer = await h.reply(sent, { timeoutMs: 3_000, skipWorking: true });
    expect(answer).toBe(
      ":warning: `last 30d interval=1h by=member_city_place_id` would take about 2,870 requests to Placewise (8,610 tokens); one command may use 40. by=member_city_place_id can have a thousand labels in one bucket, so each bucket may need a request of its own. Try `last 30d interval=1w by=member_city_place_id` (about 18 requests) or `last 30d interval=1h` (about 10 requests).",
    );
    expect(await h.rows()).toEqual(rows);
  });

  test("the 1620-to-2030 range saved as a */5 subscription is refused when it is created, naming the dates allowed", async () => {
    const rows = await h.rows();
    const sent = await h.command('subscribe cron "*/5 * * * *" from 1620-01-01 to 2030-01-01 interval=1mo');
    const answer = await h.reply(sent, { timeoutMs: 3_000, skipWorking: true });
    expect(answer).toBe(
      ":warning: `1620-01-01` is too early: Placewise has no offer usages before 2000-01-01. Give dates from 2000-01-01 to 2025-08-28.",
    );
    expect(await h.rows()).toEqual(rows);
  });

  test("an alert whose history would be over the budget is refused when it is created, nothing saved", async () => {
    const rows = await h.rows();
    const sent = await h.command("alert anomaly per 1h by=member_place_id");
    const answer = await h.reply(sent, { timeoutMs: 3_000, skipWorking: true });
    expect(answer).toBe(
      ":warning: This alert's first evaluation reads its history and would take about 2,728 requests to Placewise (8,184 tokens); one command may use 40. by=member_place_id can have a thousand labels in one bucket, so each bucket may need a request of its own. Watch it without by=member_place_id (about 10 requests).",
    );
    expect(await h.rows()).toEqual(rows);
  });
});
