import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mallSeries } from "../../bench/mall-series.ts";
import { MAX_CSV_ROWS } from "../../src/alerts/csv.ts";

const exec = promisify(execFile);
const CLI = join(import.meta.dirname, "..", "..", "src", "cli.ts");
const TSX = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "tsx");

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(TSX, [CLI, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("npx offer-digest backtest", () => {
  let dir = "";
  let csv = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "backtest-"));
    // Five weeks of hourly counts written as UTC wall time (the NAB layout), with one outage.
    const s = mallSeries({ seed: 11, weeks: 5, tz: "UTC", incidentsFromWeek: null });
    const values = [...s.values];
    const outage = s.times.indexOf(Date.parse("2026-08-26T13:00:00Z"));
    values[outage] = 0;
    values[outage + 1] = 0;
    const rows = s.times.map(
      (t, i) => `${DateTime.fromMillis(t, { zone: "UTC" }).toFormat("yyyy-MM-dd HH:mm:ss")},${values[i]}`,
    );
    csv = join(dir, "usage.csv");
    await writeFile(csv, `timestamp,value\n${rows.join("\n")}\n`);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--json prints one array of {at, value, expected, low, high} with the outage in it", async () => {
    const { code, stdout } = await cli(["backtest", "--csv", csv, "--rule", "anomaly", "--json"]);
    expect(code).toBe(0);
    const alerts = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(alerts)).toBe(true);
    for (const a of alerts) {
      expect(Object.keys(a)).toEqual(["at", "value", "expected", "low", "high"]);
      expect(typeof a.at).toBe("string");
      expect(Number.isNaN(Date.parse(a.at as string))).toBe(false);
      expect(typeof a.value).toBe("number");
    }
    // An outage fires on its first or second bucket (the low side judges two buckets in a row).
    const times = alerts.map((a) => Date.parse(a.at as string));
    expect(
      times.some((t) => t === Date.parse("2026-08-26T13:00:00Z") || t === Date.parse("2026-08-26T14:00:00Z")),
    ).toBe(true);
  });

  it("prints readable lines and a summary without --json, and takes threshold rules", async () => {
    const { code, stdout } = await cli([
      "backtest",
      "--csv",
      csv,
      "--rule",
      "below 5 hours=10:00-21:00 days=mon-sat",
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Rule: fewer than 5 usages per bucket/);
    expect(stdout).toMatch(/2026-08-26T13:00:00Z\s+FIRING/);
    expect(stdout).toMatch(/\d+ alerts \(\d+ resolved\) over 35\.0 days/);
  });

  it("exits 2 naming the wrong word for a bad rule, or a per that does not match the CSV", async () => {
    const bad = await cli(["backtest", "--csv", csv, "--rule", "belw 5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"belw" does not start an alert rule/);
    const per = await cli(["backtest", "--csv", csv, "--rule", "anomaly per 5m"]);
    expect(per.code).toBe(2);
    expect(per.stderr).toMatch(/row every 60 minutes/);
  });

  it("exits 2 naming the line of a bad row, and refuses a file over the row limit with the limit in the message", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(bad, "timestamp,value\n2014-07-01 00:00:00,5\n2014-07-01 01:00:00,-3\n");
    const r = await cli(["backtest", "--csv", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad} line 3 "2014-07-01 01:00:00,-3" is not "timestamp,count"`);

    // One row over the limit, one minute apart: about 5 MB, written in one go.
    const big = join(dir, "big.csv");
    const start = Date.UTC(2014, 0, 1);
    const rows: string[] = ["timestamp,value"];
    for (let i = 0; i <= MAX_CSV_ROWS; i++) {
      const iso = new Date(start + i * 60_000).toISOString();
      rows.push(`${iso.slice(0, 10)} ${iso.slice(11, 19)},7`);
    }
    await writeFile(big, `${rows.join("\n")}\n`);
    const over = await cli(["backtest", "--csv", big, "--json"]);
    expect(over.code).toBe(2);
    expect(over.stdout).toBe("");
    const max = MAX_CSV_ROWS.toLocaleString("en-US");
    expect(over.stderr.trim()).toBe(
      `${big} has more than ${max} data rows (row ${(MAX_CSV_ROWS + 1).toLocaleString("en-US")} is on line ${(MAX_CSV_ROWS + 2).toLocaleString("en-US")}): a backtest reads at most ${max} rows. Backtest a shorter stretch, e.g. the first rows with: head -n ${MAX_CSV_ROWS + 1} ${big} > part.csv`,
    );
  });
});
