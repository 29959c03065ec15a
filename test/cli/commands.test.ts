/**
 * The command line as a person uses it: the real `bin/offer-digest.js` in a child process, data from
 * the built-in simulator (no Placewise token), a clean folder as working directory.
 */

import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_CLUB_ID } from "../../src/local/placewise-simulator/index.ts";
import { expectedTotal } from "../support/placewise-truth.ts";

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin", "offer-digest.js");
const cwd = mkdtempSync(join(tmpdir(), "offer-digest-cli-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? "", HOME: cwd };

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { cwd, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npx offer-digest", () => {
  it("query --json prints the merged result, whose total matches the simulator's own count", async () => {
    const r = await cli("query", "last 7d interval=1d", "--json");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.series).toHaveLength(1);
    expect(result.series[0].values).toHaveLength(7);
    const total = result.series[0].values.reduce((a: number, b: number) => a + b, 0);
    expect(total).toBe(expectedTotal(DEFAULT_CLUB_ID, result.query.range.fromMs, result.query.range.toMs));
    expect(total).toBeGreaterThan(1000);
  });

  it("query prints a table with each label's total for a breakdown", async () => {
    const r = await cli("query", "yesterday", "interval=1h", "by=member_gender");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/member_gender=female: total [\d,]+/);
    expect(r.stdout).toMatch(/Total: [\d,]+/);
  });

  it("digest writes the Block Kit message and a real PNG chart", async () => {
    const out = join(cwd, "digest");
    const r = await cli("digest", "--query", "last 24h interval=1h by=member_gender", "--out", out);
    expect(r.code).toBe(0);
    const message = JSON.parse(readFileSync(join(out, "message.json"), "utf8"));
    expect(message.text).toMatch(/Total: [\d,]+/);
    expect(message.blocks.some((b: { type: string }) => b.type === "image")).toBe(true);
    const meta = await sharp(join(out, "chart.png")).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBeGreaterThan(500);
  });

  it("digest --csv also writes usages.csv (RFC 4180) whose usages add up to the digest's total", async () => {
    const out = join(cwd, "digest-csv");
    const r = await cli("digest", "--query", "last 24h interval=1h by=member_gender", "--out", out, "--csv");
    expect(r.code).toBe(0);
    const message = JSON.parse(readFileSync(join(out, "message.json"), "utf8"));
    const total = Number(/Total: ([\d,]+)/.exec(message.text)?.[1]?.replaceAll(",", ""));
    const csv = readFileSync(join(out, "usages.csv"), "utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("bucket_start_local,bucket_start_utc,timezone,label,usages");
    expect(lines.at(-1)).toBe("");
    const sum = lines.slice(1, -1).reduce((a, l) => a + Number(l.split(",").at(-1)), 0);
    expect(sum).toBe(total);
    expect(r.stdout).toContain(`${lines.length - 2} rows`);
  });

  it("digest keeps a folder's message.json or chart.png unless --force, naming the file and the flag", async () => {
    const out = join(cwd, "kept-digest");
    mkdirSync(out, { recursive: true });
    for (const name of ["message.json", "chart.png"]) {
      rmSync(join(out, "message.json"), { force: true });
      rmSync(join(out, "chart.png"), { force: true });
      writeFileSync(join(out, name), "mine");
      const r = await cli("digest", "--query", "last 24h interval=1h", "--out", out);
      expect(r.code, name).toBe(2);
      expect(r.stderr.trim(), name).toBe(
        `${join(out, name)} already exists: pass --force to overwrite it, or choose another --out.`,
      );
      expect(readFileSync(join(out, name), "utf8"), name).toBe("mine");
    }
    const forced = await cli("digest", "--query", "last 24h interval=1h", "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "message.json"), "utf8")).text).toMatch(/Total: [\d,]+/);
    expect((await sharp(join(out, "chart.png")).metadata()).format).toBe("png");
  }, 120_000); // three runs of the real CLI, each up to ~15 s on a loaded 2-core machine

  it("digest refuses a file as --out: it writes a folder", async () => {
    writeFileSync(join(cwd, "not-a-folder"), "x");
    const r = await cli("digest", "--query", "last 24h", "--out", "not-a-folder");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${join(cwd, "not-a-folder")} is a file`);
  });

  it("refuses a bad query with one line naming the word and the choices, exit code 2", async () => {
    const r = await cli("query", "last 7d offer_type=bogus");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^`offer_type=bogus`: must be one of regular, birthday/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown command and lists the known ones", async () => {
    const r = await cli("frobnicate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate": must be one of query, render, digest/);
  });

  it("stops start-up with one line naming a bad variable, its value and what is expected", async () => {
    try {
      await exec(process.execPath, [BIN, "serve"], { cwd, env: { ...env, PORT: "eighty" }, timeout: 30_000 });
      throw new Error("expected a failure");
    } catch (e) {
      const err = e as { code: number; stderr: string };
      expect(err.code).toBe(1);
      expect(err.stderr.trim()).toBe(
        'Configuration error: PORT: "eighty" is not valid: expected a whole number from 0 to 65535.',
      );
    }
  });
});

describe("Procfile roles", () => {
  it("refuses to run the worker alone in sandbox mode, saying why, exit code 1", async () => {
    try {
      await exec(process.execPath, [BIN, "serve", "worker"], { cwd, env, timeout: 30_000 });
      throw new Error("expected a failure");
    } catch (e) {
      const err = e as { code: number; stderr: string };
      expect(err.code).toBe(1);
      expect(err.stderr).toMatch(/serve worker needs SLACK_BOT_TOKEN/);
    }
  });
});

describe("npm start (serve)", () => {
  it("answers /healthz once ready, serves the sandbox without Slack credentials, and exits 0 within 10 s on SIGTERM", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const dbDir = join(cwd, "serve");
    const child = spawn(process.execPath, [BIN, "serve"], {
      cwd,
      env: { ...env, PORT: String(port), DATABASE_URL: `file:${dbDir}/db.sqlite` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d) => {
      log += d;
    });
    child.stderr.on("data", (d) => {
      log += d;
    });
    try {
      const deadline = Date.now() + 45_000;
      let ok = false;
      while (!ok && Date.now() < deadline) {
        ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ok) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ok, log).toBe(true);
      expect(log).toMatch(/Sandbox ready: open http:\/\/localhost:\d+\/ /);
      expect(log).toMatch(/To connect real Slack, set SLACK_BOT_TOKEN/);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      expect(existsSync(join(dbDir, "db.sqlite"))).toBe(true);

      const started = Date.now();
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const code = await exited;
      expect(code).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      child.kill("SIGKILL");
    }
  }, 90_000);
});
