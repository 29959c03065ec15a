import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { FONTCONFIG_FILE } from "../../src/charts/fonts.ts";
import { renderTimeSeries } from "../../src/charts/render.ts";

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL("./font-child.ts", import.meta.url));

/**
 * A machine without fonts, as far as fontconfig can tell: an empty config file, and HOME and XDG
 * folders that are empty, so neither /usr/share/fonts nor ~/.fonts can be found.
 */
function noFontsEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), "no-fonts-"));
  const empty = join(dir, "empty.conf");
  writeFileSync(
    empty,
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig/>\n',
  );
  return {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    XDG_DATA_HOME: dir,
    XDG_DATA_DIRS: dir,
    XDG_CACHE_HOME: dir,
    FONTCONFIG_FILE: empty,
  };
}

async function child(mode: "ours" | "bare", text: string): Promise<{ ink: number; sha: string }> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", CHILD, mode, text], {
    env: noFontsEnv(),
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
  });
  return JSON.parse(stdout);
}

describe("chart text on a machine without fonts", () => {
  it("the control: with no fonts every letter is the same box, so IIII and WWWW look alike", async () => {
    const [i, w] = await Promise.all([child("bare", "IIIIIIII"), child("bare", "WWWWWWWW")]);
    expect(i.ink).toBe(w.ink);
  });

  it("renders real glyphs from the shipped font: WWWW has far more ink than IIII", async () => {
    const [i, w] = await Promise.all([child("ours", "IIIIIIIIIIII"), child("ours", "WWWWWWWWWWWW")]);
    expect(i.ink).toBeGreaterThan(0);
    expect(w.ink).toBeGreaterThan(2 * i.ink);
  });

  it("draws exactly the same PNG there as here: the chart depends on the shipped font alone", async () => {
    const title = "Offer usages per hour, last 24 h, Europe/Oslo";
    const times = Array.from({ length: 24 }, (_, i) => Date.UTC(2026, 9, 20) + i * 3_600_000);
    const here = await renderTimeSeries({
      title,
      timezone: "Europe/Oslo",
      interval: "1h",
      series: [{ name: "total", times, values: times.map((_, i) => 10 + (i % 7)) }],
    });
    const { createHash } = await import("node:crypto");
    const away = await child("ours", title);
    expect(away.sha).toBe(createHash("sha256").update(here.png).digest("hex"));
    expect(process.env.FONTCONFIG_FILE).toBe(FONTCONFIG_FILE);
  });
});
