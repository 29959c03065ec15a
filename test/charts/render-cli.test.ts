/**
 * `npx offer-digest render` as a person runs it: the real bin in a child process, data from the
 * built-in simulator (no Placewise token), a clean folder as working directory.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, "../.."), "bin", "offer-digest.js");
const cwd = mkdtempSync(join(tmpdir(), "offer-digest-render-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: cwd },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npx offer-digest render", () => {
  it("writes the digest chart for a query as a 1600×800 PNG", async () => {
    const r = await cli(
      "render",
      "--query",
      "last 7d interval=1d",
      "--out",
      "chart.png",
      "--at",
      "2026-10-25T09:00:00Z",
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*chart\.png \(\d+ KB\): /);
    const meta = await sharp(join(cwd, "chart.png")).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1600, 800]);
  });

  it("refuses a time it cannot read, naming the option and an example", async () => {
    const r = await cli("render", "--query", "last 7d", "--out", "x.png", "--at", "yesterday-ish");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--at "yesterday-ish" is not a time: use ISO 8601, e.g. 2026-10-25T09:00:00+01:00',
    );
  });

  it("asks for --out when it is missing", async () => {
    const r = await cli("render", "--query", "last 7d");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Missing --out/);
  });

  it("keeps a file that is already at --out, naming the path and --force, and replaces it with --force", async () => {
    const out = join(cwd, "kept.png");
    writeFileSync(out, "my own notes, not a chart");
    const refused = await cli("render", "--query", "last 7d interval=1d", "--out", "kept.png");
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `${out} already exists: pass --force to overwrite it, or choose another --out.`,
    );
    expect(readFileSync(out, "utf8")).toBe("my own notes, not a chart");

    const forced = await cli("render", "--query", "last 7d interval=1d", "--out", "kept.png", "--force");
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect((await sharp(out).metadata()).format).toBe("png");
  }, 120_000); // three runs of the real CLI, each up to ~15 s on a loaded 2-core machine

  it("refuses a folder as --out, even with --force", async () => {
    mkdirSync(join(cwd, "charts"), { recursive: true });
    const r = await cli("render", "--query", "last 7d", "--out", "charts", "--force");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `--out ${join(cwd, "charts")} is a directory: name a file inside it, e.g. ${join(cwd, "charts", "chart.png")}.`,
    );
  });
});
