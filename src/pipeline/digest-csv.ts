/**
 * The CSV behind a digest, asked for after the digest went out (its CSV button): the same words at
 * the same instant, through the same query parser, budget and Placewise client as the digest
 * (pipeline/digest.ts), without the chart. The request comes from a button value that can be forged,
 * so nothing in it is trusted beyond what typed words would be.
 */
import type { SharedFile } from "../delivery/types.ts";
import type { PlacewiseClient, Priority } from "../placewise/client/index.ts";
import { parseTimezone } from "../placewise/keys.ts";
import { parseQuery } from "../placewise/words.ts";
import { type CsvRequest, type DigestCsv, digestCsv } from "../report/csv.ts";
import { buildReport } from "../report/index.ts";

export interface PreparedCsv extends DigestCsv {
  /** The digest's title ("Offer usages per hour, last 24 h, Europe/Oslo"). */
  readonly title: string;
}

export async function prepareCsv(
  request: CsvRequest,
  deps: { readonly client: PlacewiseClient },
  opts: { signal?: AbortSignal; priority?: Priority } = {},
): Promise<PreparedCsv> {
  const timezone = parseTimezone(request.timezone);
  // Retention, bucket limits and the per-command budget, as for `/offers report` with these words.
  const query = parseQuery(request.words, { now: request.at, defaultTimezone: timezone });
  const result = await deps.client.query(query, opts);
  const report = buildReport(result, null, { now: request.at, dataLagMinutes: 15 });
  return { ...digestCsv(result), title: report.title };
}

/** A CSV as Slack takes a file. */
export function csvFile(csv: DigestCsv, title: string): SharedFile {
  return { bytes: Buffer.from(csv.text, "utf8"), filename: csv.filename, title, contentType: "text/csv" };
}
