/**
 * readSeriesCsvFile as backtest uses it: a real file in a temp folder, streamed, with a row cap and a
 * line-length cap. The cap is passed small here; the CLI uses MAX_CSV_ROWS.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LINE_CHARS, parseSeriesCsv, readSeriesCsvFile } from "../../src/alerts/csv.ts";
import { InputError } from "../../src/util/errors.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "csv-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `rows` hourly rows from 2014-07-01 00:00 UTC in the NAB layout, with a header. */
function nab(rows: number, eol = "\n"): string {
  const lines = ["timestamp,value"];
  for (let i = 0; i < rows; i++) {
    const iso = new Date(Date.UTC(2014, 6, 1) + i * 3_600_000).toISOString();
    lines.push(`${iso.slice(0, 10)} ${iso.slice(11, 19)},${100 + i}`);
  }
  return lines.join(eol) + eol;
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function failure(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe("readSeriesCsvFile", () => {
  it("reads the same series as parsing the whole text, across 64 KB chunk edges and CRLF", async () => {
    // 5,000 rows are about 130 KB: lines fall across chunk boundaries.
    for (const eol of ["\n", "\r\n"]) {
      const text = nab(5_000, eol);
      const fromFile = await readSeriesCsvFile(await file("rows.csv", text));
      expect(fromFile).toEqual(parseSeriesCsv(text));
      expect(fromFile.times).toHaveLength(5_000);
      expect(fromFile.stepMs).toBe(3_600_000);
    }
  });

  it("reads a last row without a line break", async () => {
    const s = await readSeriesCsvFile(await file("tail.csv", nab(3).trimEnd()));
    expect(s.values).toEqual([100, 101, 102]);
  });

  it("refuses a file over the row limit, naming the limit and the row and line it reached", async () => {
    const path = await file("big.csv", nab(11));
    const e = await failure(readSeriesCsvFile(path, { maxRows: 10 }));
    expect(e.message).toBe(
      `${path} has more than 10 data rows (row 11 is on line 12): a backtest reads at most 10 rows. Backtest a shorter stretch, e.g. the first rows with: head -n 11 ${path} > part.csv`,
    );
    // Exactly at the limit is fine.
    expect((await readSeriesCsvFile(await file("ten.csv", nab(10)), { maxRows: 10 })).times).toHaveLength(10);
  });

  it("names the line number of a bad row, also far into the file", async () => {
    const lines = nab(3_000).split("\n");
    lines[2_500] = "2014-10-14 03:00:00,lots";
    const path = await file("bad.csv", lines.join("\n"));
    const e = await failure(readSeriesCsvFile(path));
    expect(e.message).toBe(
      `${path} line 2501 "2014-10-14 03:00:00,lots" is not "timestamp,count": write rows like "2014-07-01 00:30:00,8127" (a count of 0 or more).`,
    );
  });

  it("refuses a line longer than the cap without holding the rest of the file", async () => {
    const path = await file("one-line.csv", `timestamp,value\n${"9".repeat(200_000)}`);
    const e = await failure(readSeriesCsvFile(path));
    expect(e.message).toBe(
      `${path} line 2 is longer than ${MAX_LINE_CHARS} characters: it is not a "timestamp,count" row like "2014-07-01 00:30:00,8127" (is this a CSV with one row per line?).`,
    );
  });

  it("passes on an error opening the file, for the caller to name the flag", async () => {
    await expect(readSeriesCsvFile(join(dir, "missing.csv"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
