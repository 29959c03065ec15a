/**
 * The numbers behind a digest as CSV (RFC 4180): one row per bucket and label, with the bucket's
 * start in local time (with its offset) and in UTC, so a spreadsheet can use either. Written by
 * hand rather than with a CSV library: the format needs only quoting of five fixed columns, and the
 * repository has no CSV writer to reuse (src/alerts/csv.ts reads). Pure.
 *
 * The rows sum to the digest's total: they come from the same query result the report sums
 * (`buildReport` adds every series by position on the longest grid; here every series' buckets are
 * listed, each at its own time and zone).
 */
import { DateTime } from "luxon";
import type { Aggregation } from "../placewise/fields.ts";
import type { QueryResult } from "../placewise/query.ts";
import { InputError } from "../util/errors.ts";
import { labelInWords } from "./labels.ts";

export const CSV_HEADER = ["bucket_start_local", "bucket_start_utc", "timezone", "label", "usages"] as const;

/** The label column without a breakdown: every usage counts under one label. */
export const ALL_LABEL = "all";

export interface DigestCsv {
  /** RFC 4180: CRLF line ends, a header row, fields quoted when they hold a comma, quote or line break. */
  readonly text: string;
  readonly filename: string;
  readonly rows: number;
  /** Sum of the usages column: the digest's total. */
  readonly total: number;
}

/** One field as RFC 4180 wants it: quoted (quotes doubled) only when it must be. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function labelOf(by: Aggregation | null, label: QueryResult["series"][number]["label"]): string {
  return by === null ? ALL_LABEL : labelInWords(by, label[by]);
}

/** Rows ordered by bucket time, then label, then zone, so two runs of one query give the same file. */
export function digestCsv(result: QueryResult): DigestCsv {
  const by = result.query.aggregateBy;
  const rows: { at: number; zone: string; label: string; value: number }[] = [];
  for (const s of result.series) {
    const label = labelOf(by, s.label);
    for (let i = 0; i < s.times.length; i++) {
      rows.push({ at: s.times[i] as number, zone: s.timezone, label, value: s.values[i] ?? 0 });
    }
  }
  rows.sort((a, b) => a.at - b.at || a.label.localeCompare(b.label) || a.zone.localeCompare(b.zone));
  const lines = [CSV_HEADER.join(",")];
  let total = 0;
  for (const r of rows) {
    total += r.value;
    const local = DateTime.fromMillis(r.at, { zone: r.zone }).toISO({ suppressMilliseconds: true });
    const utc = new Date(r.at).toISOString().replace(".000Z", "Z");
    lines.push([local ?? "", utc, r.zone, r.label, r.value].map(csvField).join(","));
  }
  const { fromMs, timezone } = result.query.range;
  const day = DateTime.fromMillis(fromMs, { zone: timezone }).toFormat("yyyy-MM-dd");
  return {
    text: `${lines.join("\r\n")}\r\n`,
    filename: `offer-usages-${day}.csv`,
    rows: rows.length,
    total,
  };
}

/**
 * What a digest's CSV button carries: the query words and the instant they were read at, so a press
 * fetches the same period again. Slack caps a button value at 2000 characters; a longer query gets no
 * button (null). The value comes back from Slack and may be forged: `parseCsvRequest` only reads it,
 * and the words go through the query parser and its budget like typed ones.
 */
export interface CsvRequest {
  readonly words: string;
  readonly at: number;
  readonly timezone: string;
}

const MAX_BUTTON_VALUE = 2000;

export function csvButtonValue(r: CsvRequest): string | null {
  // <, > and & as JSON escapes: a typed `<!channel>` must not sit raw in the message's blocks.
  const value = JSON.stringify({ q: r.words, at: r.at, tz: r.timezone })
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026");
  return value.length <= MAX_BUTTON_VALUE ? value : null;
}

export function parseCsvRequest(value: string): CsvRequest {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    v = null;
  }
  const o = (typeof v === "object" && v !== null ? v : {}) as Record<string, unknown>;
  if (
    typeof o.q !== "string" ||
    typeof o.tz !== "string" ||
    typeof o.at !== "number" ||
    !Number.isSafeInteger(o.at) ||
    o.at < 0
  ) {
    throw new InputError(
      "This CSV button is broken: run the report again and press the new message's CSV button.",
    );
  }
  return { words: o.q, at: o.at, timezone: o.tz };
}
