/**
 * The chart data the preview carries: 4 weeks of the judged series with the limit or the band, and
 * the alerts it counts marked, rendered to a real PNG by the same chart module as a live alert.
 */
import { afterEach, describe, expect, it } from "vitest";
import { renderAlertChart } from "../../src/charts/render.ts";
import { previewAlert } from "../../src/pipeline/alert-preview.ts";
import { type AlertHarness, startAlertHarness, ZONE } from "../jobs/alerts/harness.ts";

const CLUB = 1000941;
/** 4 weeks of hourly buckets. */
const HOURS_4W = 4 * 7 * 24;
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

async function preview(ruleText: string, query = "") {
  const client = h?.clients[0];
  if (h === undefined || client === undefined) throw new Error("no harness");
  return previewAlert(client, { ruleText, query, timezone: ZONE }, h.clock.now());
}

describe("the preview chart", () => {
  it("draws the 4 weeks hourly with the limit and a red dot on each of the 3 alerts it counts, as a PNG", async () => {
    const incidents = ["2026-05-06", "2026-05-20", "2026-05-27", "2026-06-03"].map(outageOn);
    h = await startAlertHarness("2026-06-10T08:00:00Z", { incidents });
    const p = await preview("below 5 per 1h hours=11:00-20:00 days=mon-fri");
    const chart = p.chart;
    if (chart === null) throw new Error("no chart");
    expect(chart.times).toHaveLength(HOURS_4W);
    expect(chart.values).toHaveLength(HOURS_4W);
    expect(chart.threshold).toBe(5);
    expect(chart.anomalies).toEqual(
      ["2026-05-20", "2026-05-27", "2026-06-03"].map((d) => Date.parse(`${d}T10:00:00Z`)),
    );
    expect(chart.subtitle).toContain("last 4 weeks: would have fired 3 times");
    const png = await renderAlertChart(chart);
    expect(png.png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("gives an anomaly rule its expected line and band on every bucket", async () => {
    h = await startAlertHarness("2026-06-10T08:00:00Z", { incidents: [outageOn("2026-06-03")] });
    const p = await preview("anomaly per 1h");
    const chart = p.chart;
    if (chart === null) throw new Error("no chart");
    expect(chart.threshold).toBeUndefined();
    expect(chart.expected).toHaveLength(HOURS_4W);
    expect(chart.low).toHaveLength(HOURS_4W);
    expect(chart.high).toHaveLength(HOURS_4W);
    expect(chart.anomalies).toHaveLength(p.firings);
    expect(chart.anomalies).toContain(Date.parse("2026-06-03T10:00:00Z"));
  });

  it("with by= shows the label that would have fired most and says its share", async () => {
    h = await startAlertHarness("2026-06-10T08:00:00Z", { incidents: [outageOn("2026-06-03")] });
    const p = await preview("below 1 per 1h hours=11:00-20:00 days=mon-fri", "by=member_gender");
    const chart = p.chart;
    if (chart === null) throw new Error("no chart");
    // The sentence splits the count by label ("female 1, male 1, unknown 9, other 6"): the chart
    // shows the biggest one and says the total.
    const split = /; ([^)]*)\)/.exec(p.sentence)?.[1] ?? "";
    const counts = split.split(", ").map((part) => {
      const [name, n] = part.split(" ");
      return { name, n: Number(n) };
    });
    const top = counts.reduce((a, b) => (b.n > a.n ? b : a));
    expect(counts.length).toBeGreaterThan(1);
    expect(chart.anomalies).toHaveLength(top.n);
    expect(chart.subtitle).toContain(`(member gender: ${top.name})`);
    expect(chart.subtitle).toContain(`would have fired ${top.n} times here (${p.firings} in all)`);
  });
});
