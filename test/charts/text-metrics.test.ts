import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderTimeSeries } from "../../src/charts/render.ts";
import { fitText, textWidth, vegaTextWidth } from "../../src/charts/text-metrics.ts";
import { texts } from "./svg.ts";

/** Rightmost column (in CSS px) with dark pixels in the top `rows` pixel rows of a 2x PNG. */
async function inkRight(png: Buffer, rows: number): Promise<number> {
  const { data, info } = await sharp(png)
    .extract({ left: 0, top: 0, width: 1600, height: rows })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let right = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++)
      if ((data[y * info.width + x] as number) < 100) right = Math.max(right, x);
  }
  return right / 2;
}

const times = Array.from({ length: 24 }, (_, i) => Date.UTC(2026, 9, 20) + i * 3_600_000);
const chart = (title: string) =>
  renderTimeSeries({
    title,
    timezone: "Europe/Oslo",
    interval: "1h",
    series: [{ name: "total", times, values: times.map((_, i) => 10 + (i % 5)) }],
  });

describe("text widths for Vega's layout come from the shipped font", () => {
  it("measures like DejaVu Sans: W is wider than I, bold is wider than regular", () => {
    // DejaVu Sans advances: W 2025 and I 604 units of 2048 to the em.
    expect(textWidth("W", 10)).toBeCloseTo(9.888, 3);
    expect(textWidth("I", 10)).toBeCloseTo(2.949, 3);
    expect(textWidth("Offer usages", 16, true)).toBeGreaterThan(textWidth("Offer usages", 16));
  });

  it("a title's computed width matches the width librsvg draws it with", async () => {
    const title = "Offer usages per hour, last 24 h, Europe/Oslo";
    const { png } = await chart(title);
    // The title starts at the 8 px left padding; bold 16 px as in the theme.
    const drawn = (await inkRight(png, 56)) - 8;
    expect(Math.abs(drawn - textWidth(title, 16, true))).toBeLessThan(4);
  });

  it("cuts a title too long for the chart with an ellipsis instead of running off the image", async () => {
    const long = `Offer usages per hour by member_age ${"and much more ".repeat(12)}`;
    const { svg } = await chart(long);
    const shown = texts(svg).find((t) => t.startsWith("Offer usages per hour by member_age")) ?? "";
    expect(shown.endsWith("…")).toBe(true);
    expect(textWidth(shown, 16, true)).toBeLessThanOrEqual(800 - 24);
  });

  it("cuts text to a width with an ellipsis, and leaves text that fits alone", () => {
    const cut = fitText("member_city_place_id=1234567890 and other long words", 120, 12);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(120);
    expect(fitText("female", 120, 12)).toBe("female");
    expect(vegaTextWidth({ fontSize: 11 }, "  00:00 ")).toBeCloseTo(textWidth("00:00", 11), 5);
  });

  it("keeps the plot full width when the title is too long", async () => {
    const plotWidth = (svg: string) =>
      Number(/role-axis-domain"[^>]*><line[^>]*x2="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    const short = await chart("Offer usages");
    const long = await chart(`Offer usages ${"and more ".repeat(40)}`);
    expect(plotWidth(long.svg)).toBeGreaterThan(600);
    expect(Math.abs(plotWidth(long.svg) - plotWidth(short.svg))).toBeLessThan(2);
  });
});
