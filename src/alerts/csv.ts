/**
 * `timestamp,value` CSV (the NAB layout): a header row, then `YYYY-MM-DD HH:MM:SS,123`. Timestamps
 * without a zone are wall-clock times in `tz`; ISO timestamps with `Z` or an offset are taken as is.
 */
import { DateTime } from "luxon";
import { InputError } from "../util/errors.ts";
import { inferStepMs, type SeriesInput } from "./series.ts";

export interface CsvSeries extends SeriesInput {
  /** Bucket length inferred from the most common gap between rows. */
  readonly stepMs: number;
}

function parseTime(text: string, tz: string): number {
  const iso = text.trim().replace(" ", "T");
  const dt = DateTime.fromISO(iso, { zone: tz, setZone: false });
  return dt.isValid ? dt.toMillis() : Number.NaN;
}

export function parseSeriesCsv(text: string, tz = "UTC", source = "CSV"): CsvSeries {
  if (!DateTime.local().setZone(tz).isValid) {
    throw new InputError(`Unknown timezone "${tz}": use an IANA name such as UTC or Europe/Oslo.`, tz);
  }
  const times: number[] = [];
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    if (line === "") continue;
    const comma = line.lastIndexOf(",");
    const stamp = comma === -1 ? line : line.slice(0, comma);
    const raw = comma === -1 ? "" : line.slice(comma + 1).trim();
    const value = raw === "" ? Number.NaN : Number(raw);
    const t = parseTime(stamp, tz);
    if (times.length === 0 && values.length === 0 && (Number.isNaN(t) || Number.isNaN(value))) {
      if (/^[a-z_ ]+,[a-z_ ]+$/i.test(line)) continue; // the header row
    }
    if (Number.isNaN(t) || !Number.isFinite(value) || value < 0) {
      throw new InputError(
        `${source} line ${n + 1} "${line.slice(0, 60)}" is not "timestamp,count": write rows like "2014-07-01 00:30:00,8127" (a count of 0 or more).`,
        line,
      );
    }
    const prev = times[times.length - 1];
    if (prev !== undefined && t <= prev) {
      throw new InputError(
        `${source} line ${n + 1}: timestamps must increase, but ${stamp} is not after the row before.`,
      );
    }
    times.push(t);
    values.push(value);
  }
  if (times.length < 2)
    throw new InputError(`${source} has ${times.length} data rows; a backtest needs at least 2.`);
  return { times, values, stepMs: inferStepMs(times) };
}
