/**
 * Run by fonts.test.ts in a child process whose environment has no usable fonts. Prints, as JSON,
 * how many dark pixels a big title has, and a hash of the whole PNG.
 *   ours <text>: renders a digest chart through src/charts (which points fontconfig at the repo's fonts)
 *   bare <text>: rasterises the same kind of text with sharp alone, as a control
 */
import { createHash } from "node:crypto";

const [mode, text = ""] = process.argv.slice(2);

async function darkPixels(png: Buffer, height: number): Promise<number> {
  const sharp = (await import("sharp")).default;
  const meta = await sharp(png).metadata();
  const { data } = await sharp(png)
    .extract({ left: 0, top: 0, width: meta.width ?? 0, height })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const v of data) if (v < 128) dark++;
  return dark;
}

let png: Buffer;
let titleRows: number;
if (mode === "ours") {
  const { renderTimeSeries } = await import("../../src/charts/render.ts");
  const times = Array.from({ length: 24 }, (_, i) => Date.UTC(2026, 9, 20) + i * 3_600_000);
  const chart = await renderTimeSeries({
    title: text,
    timezone: "Europe/Oslo",
    interval: "1h",
    series: [{ name: "total", times, values: times.map((_, i) => 10 + (i % 7)) }],
  });
  png = chart.png;
  titleRows = 60; // the 16 px title at 2x sits in the top 60 pixel rows
} else {
  const sharp = (await import("sharp")).default;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="80"><rect width="800" height="80" fill="white"/><text x="10" y="60" font-family="DejaVu Sans" font-size="48">${text}</text></svg>`;
  png = await sharp(Buffer.from(svg)).png().toBuffer();
  titleRows = 80;
}
const ink = await darkPixels(png, titleRows);
process.stdout.write(JSON.stringify({ ink, sha: createHash("sha256").update(png).digest("hex") }));
