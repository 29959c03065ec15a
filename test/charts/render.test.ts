import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderAlertChart, renderTimeSeries } from "../../src/charts/render.ts";
import type { RenderedChart, TimeSeriesChartInput } from "../../src/charts/types.ts";
import { grid, wave } from "./fixtures.ts";
import { marksLabelled, texts, xLabels } from "./svg.ts";

const OSLO = "Europe/Oslo";

/** Distinct colours and the share of pixels that are not (near) white. */
async function pixelStats(png: Buffer): Promise<{ colours: number; inked: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const colours = new Set<number>();
  let inked = 0;
  for (let p = 0; p < data.length; p += info.channels) {
    const r = data[p] as number;
    const g = data[p + 1] as number;
    const b = data[p + 2] as number;
    colours.add((r << 16) | (g << 8) | b);
    if (r < 240 || g < 240 || b < 240) inked++;
  }
  return { colours: colours.size, inked: inked / (info.width * info.height) };
}

function day(zone = OSLO, date = "2026-10-20"): TimeSeriesChartInput {
  const next = `${date.slice(0, 8)}${String(Number(date.slice(8)) + 1).padStart(2, "0")}`;
  const times = grid(date, next, "1h", zone);
  return {
    title: `Offer usages per hour, ${date}, ${zone}`,
    timezone: zone,
    interval: "1h",
    series: [{ name: "total", times, values: wave(times.length) }],
  };
}

describe("digest chart as a PNG", () => {
  it("is an 800×400 chart at 2x: a 1600×800 PNG with a drawn chart, not a blank page", async () => {
    const input = day();
    const chart: RenderedChart = await renderTimeSeries({
      ...input,
      previous: { times: input.series[0]?.times ?? [], values: wave(24, 0.8, 2) },
    });
    const meta = await sharp(chart.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1600, 800]);
    expect([chart.width, chart.height]).toEqual([1600, 800]);
    const stats = await pixelStats(chart.png);
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.inked).toBeGreaterThan(0.15);
    expect(stats.inked).toBeLessThan(0.9);
    expect(texts(chart.svg)).toContain("Offer usages per hour, 2026-10-20, Europe/Oslo");
    expect(marksLabelled(chart.svg, "previous period")).toBe(1);
    expect(chart.svgMs).toBeGreaterThan(0);
    expect(chart.pngMs).toBeGreaterThan(0);
  });

  it("takes its size and density from the options", async () => {
    const chart = await renderTimeSeries(day(), { width: 400, height: 250, scale: 1 });
    const meta = await sharp(chart.png).metadata();
    expect([meta.width, meta.height]).toEqual([400, 250]);
  });

  it("shows 02:00 twice on the day Oslo's clocks go back, and no 02:00 when they go forward", async () => {
    const back = await renderTimeSeries(day(OSLO, "2026-10-25"));
    const backLabels = xLabels(back.svg).filter((l) => l.text === "02:00");
    expect(backLabels).toHaveLength(2);
    expect(backLabels.map((l) => l.line)).toEqual([0, 1]);
    const forward = await renderTimeSeries(day(OSLO, "2026-03-29"));
    expect(xLabels(forward.svg).map((l) => l.text)).not.toContain("02:00");
  });

  it("labels the same instants one hour later on a Helsinki chart than on an Oslo chart", async () => {
    const oslo = day(OSLO);
    const helsinki = { ...oslo, timezone: "Europe/Helsinki" };
    // 1600 px wide: room for a label on every hourly bucket, so both charts label the same buckets.
    const a = xLabels((await renderTimeSeries(oslo, { width: 1600 })).svg);
    const b = xLabels((await renderTimeSeries(helsinki, { width: 1600 })).svg);
    expect(a.map((l) => l.x)).toEqual(b.map((l) => l.x));
    expect(a.slice(0, 3).map((l) => l.text)).toEqual(["00:00", "01:00", "02:00"]);
    expect(b.slice(0, 3).map((l) => l.text)).toEqual(["01:00", "02:00", "03:00"]);
  });

  it("keeps 720 hourly buckets to a handful of readable labels", async () => {
    const times = grid("2026-10-01", "2026-10-31", "1h");
    expect(times).toHaveLength(721);
    const chart = await renderTimeSeries({
      title: "Offer usages per hour, last 30 days, Europe/Oslo",
      timezone: OSLO,
      interval: "1h",
      series: [{ name: "total", times, values: wave(times.length, 10) }],
    });
    const labels = xLabels(chart.svg);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(15);
    expect(labels.map((l) => l.text)).toEqual(["5 Oct", "12 Oct", "19 Oct", "26 Oct"]);
  });

  it("stacks a breakdown with a legend in the given order, 'other' last", async () => {
    const times = grid("2026-10-19", "2026-10-26", "1d");
    const names = ["female", "male", "other"];
    const chart = await renderTimeSeries({
      title: "Offer usages per day by member_gender, last 7 days, Europe/Oslo",
      timezone: OSLO,
      interval: "1d",
      series: names.map((name, k) => ({ name, times, values: wave(7, 3 - k, k) })),
      incompleteFrom: times[6],
    });
    const legend = texts(chart.svg).filter((t) => names.includes(t));
    expect(legend).toEqual(names);
    expect(marksLabelled(chart.svg, "still counting")).toBeGreaterThan(0);
    expect(chart.svg).toContain("#9E9E9E");
  });

  it("draws the still-filling last bucket dotted and says so", async () => {
    const input = day();
    const times = input.series[0]?.times ?? [];
    const chart = await renderTimeSeries({ ...input, incompleteFrom: times[times.length - 1] });
    expect(marksLabelled(chart.svg, "still counting")).toBe(2);
    expect(texts(chart.svg).join(" ")).toContain("dotted: still counting");
  });

  it("treats a bucket as filling in when the cut-off falls inside it, and nothing when it is past the end", async () => {
    const input = day();
    const times = input.series[0]?.times ?? [];
    const last = times[times.length - 1] as number;
    const inside = await renderTimeSeries({ ...input, incompleteFrom: last + 20 * 60_000 });
    expect(marksLabelled(inside.svg, "still counting")).toBe(2);
    const after = await renderTimeSeries({ ...input, incompleteFrom: last + 3_600_000 });
    expect(marksLabelled(after.svg, "still counting")).toBe(0);
    expect(texts(after.svg).join(" ")).not.toContain("still counting");
  });

  it("draws a period without usages along the bottom of a 0–1 axis", async () => {
    const input = day();
    const times = input.series[0]?.times ?? [];
    const chart = await renderTimeSeries({
      ...input,
      series: [{ name: "total", times, values: times.map(() => 0) }],
    });
    const yLabels = texts(chart.svg.slice(chart.svg.indexOf('aria-label="Y-axis')));
    expect(yLabels.slice(0, 2)).toEqual(["0", "1"]);
  });

  it("gives the same SVG for the same input, however many charts were drawn in between", async () => {
    const first = (await renderTimeSeries(day())).svg;
    await renderTimeSeries(day(OSLO, "2026-10-25"));
    await renderTimeSeries({ ...day(), title: "Something else" });
    expect((await renderTimeSeries(day())).svg).toBe(first);
  });
});

describe("alert chart", () => {
  it("draws the expected band, the expected line, the threshold rule and red anomaly points", async () => {
    const times = grid("2026-10-25", "2026-10-26", "1h");
    const expected = wave(times.length);
    const values = expected.map((v, i) => (i === 15 || i === 16 ? 2 : v));
    const chart = await renderAlertChart({
      title: "Alert: offer usages per hour below 20, Europe/Oslo",
      timezone: OSLO,
      interval: "1h",
      times,
      values,
      expected,
      low: expected.map((v) => v * 0.7),
      high: expected.map((v) => v * 1.3),
      threshold: 20,
      anomalies: [times[15] as number, times[16] as number],
    });
    expect(marksLabelled(chart.svg, "expected range")).toBe(1);
    expect(marksLabelled(chart.svg, "expected")).toBe(1);
    expect(marksLabelled(chart.svg, "threshold")).toBe(1);
    expect(marksLabelled(chart.svg, "anomaly")).toBe(2);
    expect(chart.svg.match(/aria-label="anomaly"[^>]*fill="#D55E00"/g)).toHaveLength(2);
    expect(xLabels(chart.svg).filter((l) => l.text === "02:00")).toHaveLength(2);
    const meta = await sharp(chart.png).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 800]);
  });

  it("keeps a threshold above every value on the chart", async () => {
    const times = grid("2026-10-20", "2026-10-21", "1h");
    const chart = await renderAlertChart({
      title: "Alert: offer usages per hour above 500",
      timezone: OSLO,
      interval: "1h",
      times,
      values: wave(times.length),
      threshold: 500,
    });
    const y = Number(/aria-label="threshold"[^>]*translate\([-\d.]+,([-\d.]+)\)/.exec(chart.svg)?.[1]);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(texts(chart.svg)).toContain("500");
  });
});
