import { afterEach, describe, expect, it } from "vitest";
import { previewAlert } from "../../../src/pipeline/alert-preview.ts";
import { type AlertHarness, startAlertHarness, ZONE } from "./harness.ts";

const CLUB = 1000941;
const DAY = 86_400_000;
/** Scanners down 12:00-14:00 Oslo time (+02:00 in summer) on the given date. */
const outageOn = (date: string) => ({
  clubId: CLUB,
  fromMs: Date.parse(`${date}T10:00:00Z`),
  toMs: Date.parse(`${date}T12:00:00Z`),
  factor: 0,
});

let h: AlertHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the preview `/offers alert` answers with", () => {
  it("counts the times a threshold rule would have fired in the last 4 weeks, with the last one", async () => {
    // Three outages within the 4 weeks before Wed 2026-06-10 10:00, one 5 weeks back (outside). Weekends
    // close at 18:00 and open Sunday at 12:00, so the rule watches weekdays only.
    const incidents = ["2026-05-06", "2026-05-20", "2026-05-27", "2026-06-03"].map(outageOn);
    h = await startAlertHarness("2026-06-10T08:00:00Z", { incidents });
    const client = h.clients[0];
    if (client === undefined) throw new Error("no client");
    const p = await previewAlert(
      client,
      { ruleText: "below 5 per 1h hours=11:00-20:00 days=mon-fri", query: "", timezone: ZONE },
      h.clock.now(),
    );
    expect(p.firings).toBe(3);
    expect(p.lastAt).toBe(Date.parse("2026-06-03T10:00:00Z"));
    expect(p.sentence).toContain(
      "Over the last 4 weeks this rule would have fired 3 times (last: Wed 3 Jun 12:00).",
    );
    expect(p.learning).toBe(false);
  });

  it("says a quiet rule would not have fired", async () => {
    h = await startAlertHarness("2026-06-10T08:00:00Z");
    const client = h.clients[0];
    if (client === undefined) throw new Error("no client");
    const p = await previewAlert(
      client,
      {
        ruleText: "below 5 per 1h hours=11:00-20:00 days=mon-fri",
        query: "offer_type=regular",
        timezone: ZONE,
      },
      h.clock.now(),
    );
    expect(p.sentence).toContain("Over the last 4 weeks this rule would not have fired.");
    // 4 weeks and 2 days hourly: 5 requests of at most 150 buckets.
    expect(p.requests).toBeLessThanOrEqual(6);
  });

  it("says an anomaly rule on a 4-day-old club is still learning", async () => {
    h = await startAlertHarness(new Date(Date.parse("2022-03-01T00:00:00Z") + 4 * DAY).toISOString());
    const client = h.clients[0];
    if (client === undefined) throw new Error("no client");
    const p = await previewAlert(
      client,
      { ruleText: "anomaly per 5m", query: "club=1000943", timezone: ZONE },
      h.clock.now(),
    );
    expect(p.learning).toBe(true);
    expect(p.firings).toBe(0);
    expect(p.sentence).toContain("It is still learning");
    expect(p.sentence).toContain("judged per 1h instead of per 5m");
  });
});
