import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compiledEntry, HASH_FILE, sourceHash } from "../bin/source-hash.js";
import { renderTimeSeries } from "../src/charts/render.ts";
import type { TimeSeriesChartInput } from "../src/charts/types.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const HOUR = 3_600_000;
const CHART: TimeSeriesChartInput = {
  title: "Offer usages per hour, compiled",
  timezone: "Europe/Oslo",
  interval: "1h",
  series: [{ name: "total", times: [0, HOUR, 2 * HOUR, 3 * HOUR], values: [4, 9, 2, 7] }],
};

describe("npm run build: the compiled JavaScript in dist/", () => {
  // Inside the repository (out/ is ignored by git), so the compiled files find node_modules.
  const out = join(root, "out", `build-test-${process.pid}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("runs the CLI and draws the same chart on a render thread as the sources do, text and all", async () => {
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/build.ts"), "--out", out], {
      cwd: root,
      stdio: "pipe",
    });
    const help = spawnSync(process.execPath, [join(out, "src/cli.js"), "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("npx offer-digest query");

    // A plain `node` (no tsx anywhere) opens the compiled render pool: its thread must load
    // render-job.js beside the copied render-worker.mjs, with the bundled fonts.
    const script = `
      const { openRenderPool } = await import(${JSON.stringify(pathToFileURL(join(out, "src/charts/pool.js")).href)});
      const pool = openRenderPool({ threads: 1 });
      const chart = await pool.renderTimeSeries(${JSON.stringify(CHART)});
      await pool.close();
      process.stdout.write(Buffer.from(chart.png).toString("base64"));
    `;
    const drawn = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(drawn.stderr).toBe("");
    const png = Buffer.from(drawn.stdout, "base64");
    const here = await renderTimeSeries(CHART);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.equals(here.png)).toBe(true);
    expect(here.svg).toContain("Offer usages per hour, compiled");
  }, 120_000);
});

describe("bin/offer-digest.js: which code it runs", () => {
  const fake = mkdtempSync(join(tmpdir(), "offer-digest-bin-"));
  afterAll(() => rmSync(fake, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fake, path)), { recursive: true });
    writeFileSync(join(fake, path), text);
  };

  it("runs dist/ only while it was built from exactly the sources beside it", () => {
    write("src/cli.ts", "export {};\n");
    write("jobs/worker.ts", "export const a = 1;\n");
    expect(compiledEntry(fake)).toBeNull();
    write("dist/src/cli.js", "export {};\n");
    expect(compiledEntry(fake)).toBeNull();
    write(`dist/${HASH_FILE}`, `${sourceHash(fake)}\n`);
    expect(compiledEntry(fake)).toBe(join(fake, "dist/src/cli.js"));
    // An edited source, a new file or a new tsconfig: the build is stale and tsx runs the sources.
    write("jobs/worker.ts", "export const a = 2;\n");
    expect(compiledEntry(fake)).toBeNull();
    write(`dist/${HASH_FILE}`, `${sourceHash(fake)}\n`);
    write("templates/new.ts", "export {};\n");
    expect(compiledEntry(fake)).toBeNull();
  });
});
