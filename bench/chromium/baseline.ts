/**
 * Headless Chromium drawing a Vega-Lite spec to PNG, for the render benchmark's baseline. A loopback
 * server hands the page (bench/chromium/index.html) its scripts from node_modules and its fonts from
 * assets/fonts.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../test/support/requirements.ts";

export const CHROMIUM_PATH = chromiumPath;

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const FILES: Record<string, { path: string; type: string }> = {
  "/index.html": { path: root("bench/chromium/index.html"), type: "text/html" },
  "/lib/vega.js": { path: root("node_modules/vega/build/vega.min.js"), type: "text/javascript" },
  "/lib/vega-lite.js": {
    path: root("node_modules/vega-lite/build/vega-lite.min.js"),
    type: "text/javascript",
  },
  "/lib/vega-embed.js": {
    path: root("node_modules/vega-embed/build/vega-embed.min.js"),
    type: "text/javascript",
  },
  "/fonts/DejaVuSans.ttf": { path: root("assets/fonts/DejaVuSans.ttf"), type: "font/ttf" },
  "/fonts/DejaVuSans-Bold.ttf": { path: root("assets/fonts/DejaVuSans-Bold.ttf"), type: "font/ttf" },
};

function serve(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const file = FILES[req.url ?? ""];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    // Cacheable like any CDN copy: a fresh page per chart still reuses the browser's cache.
    res.writeHead(200, { "content-type": file.type, "cache-control": "max-age=3600" });
    res.end(await readFile(file.path));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface BrowserRenderer {
  /** A fresh page per chart: load, embed, screenshot, close (how report schedulers do it). */
  freshPage(spec: object): Promise<Buffer>;
  /** One page kept open, re-embedding each chart: the best case for a browser. */
  samePage(spec: object): Promise<Buffer>;
  close(): Promise<void>;
}

/** Null when Chromium is not installed (the benchmark then says so and skips the baseline). */
export async function startBrowser(size: {
  width: number;
  height: number;
  scale: number;
}): Promise<BrowserRenderer | null> {
  if (!existsSync(CHROMIUM_PATH)) return null;
  const server = await serve();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  const context: BrowserContext = await browser.newContext({
    viewport: { width: size.width + 40, height: size.height + 40 },
    deviceScaleFactor: size.scale,
  });
  const kept = await context.newPage();
  await kept.goto(url);

  const draw = async (page: typeof kept, spec: object): Promise<Buffer> => {
    // Runs in the page, where index.html defined renderChart.
    await page.evaluate(
      (s) => (globalThis as unknown as { renderChart(s: object): Promise<boolean> }).renderChart(s),
      spec,
    );
    return page.locator("#vis canvas").screenshot();
  };
  return {
    async freshPage(spec) {
      const page = await context.newPage();
      try {
        await page.goto(url);
        return await draw(page, spec);
      } finally {
        await page.close();
      }
    },
    samePage: (spec) => draw(kept, spec),
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
