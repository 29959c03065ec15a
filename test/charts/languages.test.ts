/**
 * Chart labels in the digest's language, read from the SVG the PNG is rasterised from: the title
 * and series the report gives, the legend notes, and the axis's weekday and month names.
 */
import { describe, expect, it } from "vitest";
import { renderAlertChart, renderTimeSeries } from "../../src/charts/render.ts";
import type { TimeSeriesChartInput } from "../../src/charts/types.ts";
import { buildReport, chartSeries } from "../../src/report/index.ts";
import { at, constant, makePrevious, makeQuery, makeResult } from "../report/fixtures.ts";
import { grid, wave } from "./fixtures.ts";
import { texts, xLabels } from "./svg.ts";

/** A week of days, Monday 3 to Sunday 9 November 2025, with the week before dashed behind it. */
function week(lang?: "nb" | "fi"): TimeSeriesChartInput {
  const times = grid("2025-11-03T00:00", "2025-11-10T00:00", "1d");
  const values = wave(times.length).map((v) => Math.round(v * 100));
  return {
    title: "t",
    timezone: "Europe/Oslo",
    interval: "1d",
    series: [{ name: "s", times, values }],
    previous: { times, values },
    ...(lang ? { lang } : {}),
  };
}

describe("chart labels in the language", () => {
  it("a Norwegian week names its days in Norwegian and says what the dashed line is", async () => {
    const svg = (await renderTimeSeries(week("nb"))).svg;
    const labels = xLabels(svg).map((l) => l.text);
    expect(labels.join(" ")).toMatch(/man\.|tir\.|ons\.|tor\.|fre\.|lør\.|søn\./);
    expect(labels.join(" ")).not.toMatch(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/);
    expect(texts(svg).join(" ")).toContain("stiplet: forrige periode");
  });

  it("English charts keep their English labels", async () => {
    const svg = (await renderTimeSeries(week())).svg;
    expect(
      xLabels(svg)
        .map((l) => l.text)
        .join(" "),
    ).toMatch(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/);
    expect(texts(svg).join(" ")).toContain("dashed: previous period");
  });

  it("a Finnish alert chart says what the red dashes are, with the limit by the Finnish locale", async () => {
    const times = grid("2025-11-03T00:00", "2025-11-04T00:00", "1h");
    const svg = (
      await renderAlertChart({
        title: "t",
        timezone: "Europe/Helsinki",
        interval: "1h",
        times,
        values: times.map(() => 1500),
        threshold: 1250.5,
        lang: "fi",
      })
    ).svg;
    expect(texts(svg).join(" ")).toContain("punainen katkoviiva: raja 1\u00a0250,5");
  });

  it("a Norwegian report's chart is titled and its series named in Norwegian", async () => {
    const q = makeQuery({
      from: "2025-08-01T22:00:00Z",
      to: "2025-08-02T22:00:00Z",
      previousFrom: "2025-07-31T22:00:00Z",
      previousTo: "2025-08-01T22:00:00Z",
    });
    const report = buildReport(
      makeResult(q, [{ values: constant(24, 5) }]),
      makePrevious(q, [{ values: constant(24, 4) }]),
      {
        now: at("2025-08-03T06:00:00Z"),
        dataLagMinutes: 15,
        lang: "nb",
      },
    );
    const input = chartSeries(report);
    expect(input.title).toBe("Bruk av tilbud per time, i går, Europe/Oslo");
    expect(input.series[0]?.name).toBe("Bruk av tilbud");
    const svg = (await renderTimeSeries(input)).svg;
    expect(texts(svg).join(" ")).toContain("Bruk av tilbud per time");
  });
});
