import * as vega from "vega";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { alertSpec } from "../../src/charts/templates/alert.ts";
import { timeSeriesSpec } from "../../src/charts/templates/time-series.ts";
import { grid, wave } from "./fixtures.ts";

const times = grid("2026-10-19", "2026-10-26", "1d");
const input = {
  title: "Offer usages per day by member_gender, last 7 days, Europe/Oslo",
  timezone: "Europe/Oslo",
  interval: "1d" as const,
  series: ["female", "male", "other"].map((name, k) => ({ name, times, values: wave(7, 3 - k, k) })),
  previous: { times, values: wave(7, 5, 3) },
  incompleteFrom: times[6],
};

async function svgOf(spec: ReturnType<typeof timeSeriesSpec>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe("chart specs for other tools (browser baseline, Vega editor)", () => {
  it("is one self-contained Vega-Lite spec: data, labels and colours inlined, nothing left to bind", async () => {
    const spec = timeSeriesSpec(input);
    const json = JSON.stringify(spec);
    expect(json).not.toContain('"value":null');
    expect(json).not.toContain('"range":{"expr"');
    const svg = await svgOf(spec);
    expect(svg).toContain("Mon 19");
    expect(svg).toContain("female");
    expect(svg).toContain("#E69F00");
  });

  it("is a pure function of its input", () => {
    expect(timeSeriesSpec(input)).toEqual(timeSeriesSpec(input));
    expect(JSON.stringify(alertSpec({ ...input, times, values: wave(7), threshold: 5 }))).toContain('"t":5');
  });
});
