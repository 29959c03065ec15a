import { afterEach, describe, expect, it } from "vitest";
import { type AlertHarness, shown, startAlertHarness } from "./harness.ts";

const H = 3_600_000;
let h: AlertHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function results(harness: AlertHarness) {
  const rows = await harness.database.db
    .selectFrom("alert_evaluations")
    .selectAll()
    .orderBy("bucket_start")
    .execute();
  return rows.map((r) => ({
    bucket: r.bucket_start,
    labels: (JSON.parse(r.result ?? "{}") as { labels: Array<{ learning: boolean; reason: string }> }).labels,
  }));
}

describe("alert history and learning", () => {
  it("an hourly anomaly rule reads 8 weeks once, then about one request per evaluation from the cache", async () => {
    h = await startAlertHarness("2026-06-10T07:20:00Z");
    await h.alert("anomaly per 1h");
    const client = h.clients[0];
    if (client === undefined) throw new Error("no client");
    const spent: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = client.stats.requests;
      await h.tickAt(new Date(Date.parse("2026-06-10T07:20:00Z") + i * H).toISOString());
      spent.push(client.stats.requests - before);
    }
    // 8 weeks and a day of hours is 1,368 buckets: 10 requests of at most 150 buckets.
    expect(spent[0]).toBeGreaterThanOrEqual(9);
    expect(spent.slice(1)).toEqual([1, 1, 1, 1]);
    expect((await results(h)).length).toBe(5);
  });

  it("an anomaly rule on a club with 4 days of history says it is learning and does not fire, even on an outage", async () => {
    // Sandvika Megasenter opened 2022-03-01; on Saturday 2022-03-05 its scanners are down 12:00-16:00 local.
    const club = 1000943;
    const outage = {
      clubId: club,
      fromMs: Date.parse("2022-03-05T11:00:00Z"),
      toMs: Date.parse("2022-03-05T15:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2022-03-05T11:20:00Z", { incidents: [outage] });
    await h.alert(`anomaly per 1h club=${club}`);
    await h.tickThrough("2022-03-05T11:20:00Z", "2022-03-05T16:20:00Z", 10);

    expect(h.alerts()).toHaveLength(0);
    const judged = await results(h);
    expect(judged.length).toBe(6);
    for (const r of judged) {
      expect(r.labels).toEqual([
        expect.objectContaining({ learning: true, reason: expect.stringContaining("learning") }),
      ]);
    }
  });

  it("an anomaly rule with 8 weeks of history fires on a weekday outage, with the expected band", async () => {
    const outage = {
      clubId: 1000941,
      fromMs: Date.parse("2026-06-10T10:00:00Z"),
      toMs: Date.parse("2026-06-10T13:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2026-06-10T09:20:00Z", { incidents: [outage] });
    await h.alert("anomaly per 1h");
    await h.tickThrough("2026-06-10T09:20:00Z", "2026-06-10T12:20:00Z", 60);

    const [fired] = h.alerts();
    if (fired === undefined) throw new Error("the anomaly rule did not fire on a 3 h outage");
    expect(h.alerts()).toHaveLength(1);
    expect(shown(fired)).toMatch(/\*Expected\*\\n\d[\d,]*–\d[\d,]* \(usually \d/);
    expect(shown(fired)).toContain("Wed 10 Jun 12:00");
  });

  it("an anomaly rule per 5m is judged per hour, and the message says why", async () => {
    const outage = {
      clubId: 1000941,
      fromMs: Date.parse("2026-06-10T10:00:00Z"),
      toMs: Date.parse("2026-06-10T13:00:00Z"),
      factor: 0,
    };
    h = await startAlertHarness("2026-06-10T09:20:00Z", { incidents: [outage] });
    await h.alert("anomaly per 5m");
    await h.tickThrough("2026-06-10T09:20:00Z", "2026-06-10T12:20:00Z", 60);

    const [fired] = h.alerts();
    if (fired === undefined) throw new Error("the anomaly rule did not fire on a 3 h outage");
    expect(shown(fired)).toContain("judged per 1h instead of per 5m: 5-minute data is kept for 14 days");
    expect(shown(fired)).toContain("12:00–13:00 on Wed 10 Jun");
  });
});
