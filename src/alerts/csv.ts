/**
 * `timestamp,value` CSV (the NAB layout): a header row, then `YYYY-MM-DD HH:MM:SS,123`. Timestamps
 * without a zone are wall-clock times in `tz`; ISO timestamps with `Z` or an offset are taken as is.
 *
 * A file is read as a stream, line by line, with a cap on rows and on line length, so a large or
 * malformed file is refused with a message instead of filling memory (a 100 MB CSV read whole used
 * to reach 1.46 GB).
 */
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { DateTime } from "luxon";
import { InputError } from "../util/errors.ts";
import { inferStepMs, type SeriesInput } from "./series.ts";

/**
 * At most this many data rows: two years of 5-minute buckets (105,120 a year) or 139 days of
 * 1-minute ones; NAB's longest series used here (Twitter_volume_IBM) has 15,893. The anomaly rule
 * costs about 0.35 ms of CPU a row on 1-minute buckets: 200,000 rows took 69 s of CPU and peaked at
 * 167 MB (SECURITY.md has the command), while a 100 MB file (4 million rows) would need over 20 min.
 */
export const MAX_CSV_ROWS = 200_000;

/**
 * A row is about 26 characters ("2014-07-01 00:30:00,8127"); the longest sensible one, an ISO time
 * with milliseconds and an offset and a 15-digit count, is under 50. A longer line is not a row, and
 * without this cap a file with no line breaks would be held whole.
 */
export const MAX_LINE_CHARS = 1_000;

export interface CsvSeries extends SeriesInput {
  /** Bucket length inferred from the most common gap between rows. */
  readonly stepMs: number;
}

export interface CsvOptions {
  /** Zone of timestamps written without one; default UTC. */
  readonly tz?: string;
  /** Names the input in messages (the file name). */
  readonly source?: string;
  /** Defaults to MAX_CSV_ROWS; tests pass a small one. */
  readonly maxRows?: number;
}

function parseTime(text: string, tz: string): number {
  const iso = text.trim().replace(" ", "T");
  const dt = DateTime.fromISO(iso, { zone: tz, setZone: false });
  return dt.isValid ? dt.toMillis() : Number.NaN;
}

/** Takes lines one at a time (numbered from 1) and builds the series; no line is kept. */
class SeriesBuilder {
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private readonly tz: string;
  private readonly source: string;
  private readonly maxRows: number;

  constructor(opts: CsvOptions) {
    this.tz = opts.tz ?? "UTC";
    this.source = opts.source ?? "CSV";
    this.maxRows = opts.maxRows ?? MAX_CSV_ROWS;
    if (!DateTime.local().setZone(this.tz).isValid) {
      throw new InputError(
        `Unknown timezone "${this.tz}": use an IANA name such as UTC or Europe/Oslo.`,
        this.tz,
      );
    }
  }

  line(text: string, n: number): void {
    const { times, values, source } = this;
    const line = text.trim();
    if (line === "") return;
    const comma = line.lastIndexOf(",");
    const stamp = comma === -1 ? line : line.slice(0, comma);
    const raw = comma === -1 ? "" : line.slice(comma + 1).trim();
    const value = raw === "" ? Number.NaN : Number(raw);
    const t = parseTime(stamp, this.tz);
    if (times.length === 0 && values.length === 0 && (Number.isNaN(t) || Number.isNaN(value))) {
      if (/^[a-z_ ]+,[a-z_ ]+$/i.test(line)) return; // the header row
    }
    if (Number.isNaN(t) || !Number.isFinite(value) || value < 0) {
      throw new InputError(
        `${source} line ${n} "${line.slice(0, 60)}" is not "timestamp,count": write rows like "2014-07-01 00:30:00,8127" (a count of 0 or more).`,
        line,
      );
    }
    const prev = times[times.length - 1];
    if (prev !== undefined && t <= prev) {
      throw new InputError(
        `${source} line ${n}: timestamps must increase, but ${stamp} is not after the row before.`,
      );
    }
    if (times.length === this.maxRows) {
      const max = this.maxRows.toLocaleString("en-US");
      throw new InputError(
        `${source} has more than ${max} data rows (row ${(this.maxRows + 1).toLocaleString("en-US")} is on line ${n.toLocaleString("en-US")}): a backtest reads at most ${max} rows. Backtest a shorter stretch, e.g. the first rows with: head -n ${this.maxRows + 1} ${source} > part.csv`,
      );
    }
    times.push(t);
    values.push(value);
  }

  tooLong(n: number): InputError {
    return new InputError(
      `${this.source} line ${n} is longer than ${MAX_LINE_CHARS} characters: it is not a "timestamp,count" row like "2014-07-01 00:30:00,8127" (is this a CSV with one row per line?).`,
    );
  }

  done(): CsvSeries {
    const { times, values, source } = this;
    if (times.length < 2)
      throw new InputError(`${source} has ${times.length} data rows; a backtest needs at least 2.`);
    return { times, values, stepMs: inferStepMs(times) };
  }
}

/** The series in `text` (already in memory: tests, the benchmark's small NAB files). */
export function parseSeriesCsv(text: string, tz = "UTC", source = "CSV", maxRows?: number): CsvSeries {
  const builder = new SeriesBuilder({ tz, source, ...(maxRows === undefined ? {} : { maxRows }) });
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) builder.line(lines[n] as string, n + 1);
  return builder.done();
}

/**
 * The series in a file, read in 64 KB chunks: memory holds one chunk, one partial line and the
 * numbers. Errors opening or reading the file are passed on as they are (the caller names the flag).
 */
export async function readSeriesCsvFile(path: string, opts: CsvOptions = {}): Promise<CsvSeries> {
  const builder = new SeriesBuilder({ source: path, ...opts });
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let n = 0;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    for await (const chunk of stream) {
      const text = partial + decoder.write(chunk as Buffer);
      let start = 0;
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
        n++;
        if (nl - start > MAX_LINE_CHARS) throw builder.tooLong(n);
        builder.line(text.slice(start, nl), n);
        start = nl + 1;
      }
      partial = text.slice(start);
      if (partial.length > MAX_LINE_CHARS) throw builder.tooLong(n + 1);
    }
  } finally {
    stream.destroy();
  }
  partial += decoder.end();
  if (partial !== "") builder.line(partial, n + 1);
  return builder.done();
}
