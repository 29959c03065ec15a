/**
 * The one digest pipeline (ARCHITECTURE.md, "One digest pipeline"): query words + the time they are for → fetch → numbers →
 * chart → message. `/offers report`, a scheduled digest, the sandbox and the `digest` CLI all call
 * `prepareDigest`; delivering goes through `sendDigest` and the Slack delivery module.
 */
import { DateTime } from "luxon";
import { type DigestMessage, type DigestOptions, digestMessage } from "../../templates/digest.ts";
import type { ChartDrawer } from "../charts/renderer.ts";
import type { Delivery, PostResult } from "../delivery/index.ts";
import type { ChartFile } from "../delivery/types.ts";
import { type Lang, messages } from "../i18n/index.ts";
import type { PlacewiseClient, Priority } from "../placewise/client/index.ts";
import { previousQuery } from "../placewise/previous.ts";
import type { Query, QueryResult } from "../placewise/query.ts";
import { parseQueryWords, resolveQuery } from "../placewise/words.ts";
import { csvButtonValue, type DigestCsv, digestCsv } from "../report/csv.ts";
import { buildReport, chartSeries, type Report } from "../report/index.ts";

export interface DigestDeps {
  readonly client: PlacewiseClient;
  readonly defaultTimezone: string;
  /** Where the chart is drawn: the runtime's render pool, or this thread (src/charts/renderer.ts). */
  readonly charts: ChartDrawer;
  /** The language when the words carry no `lang=`: the workspace's, else DEFAULT_LANGUAGE; English when absent. */
  readonly defaultLanguage?: Lang;
  /** Minutes the API lags real time (~15 documented): newer buckets are still filling in. */
  readonly dataLagMinutes?: number;
  /** Told how long the chart took to render, in seconds (for /metrics). */
  readonly onRendered?: (seconds: number) => void;
  /** Uploads a chart privately, for a digest shared by several runs (pipeline/shared-digest.ts). */
  readonly upload?: (chart: ChartFile) => Promise<string>;
}

export interface PreparedDigest {
  readonly query: Query;
  readonly report: Report;
  /** The rendered chart, or null when rendering failed (the text still goes out, with a note). */
  readonly chart: ChartFile | null;
  readonly chartError: string | null;
  /** The message for a given chart reference; `late`, `runKey` and the CSV button are baked in. */
  message(chart: DigestOptions["chart"]): DigestMessage;
  /** The numbers behind the digest as CSV (src/report/csv.ts): the same result the report sums. */
  csv(): DigestCsv;
}

/** The previous period (see previousQuery): its buckets are laid on the chart only when aligned. */
async function fetchPrevious(
  client: PlacewiseClient,
  q: Query,
  at: number,
  opts: { signal?: AbortSignal; priority?: Priority },
): Promise<{ result: QueryResult | null; aligned: boolean }> {
  const prev = previousQuery(q, at);
  if (prev === null) return { result: null, aligned: false };
  return { result: await client.query(prev.query, opts), aligned: prev.aligned };
}

/** The chart as a file: its name, title and alt text follow from the report alone. */
export function chartFile(report: Report, png: Buffer): ChartFile {
  const day = DateTime.fromMillis(report.query.range.fromMs, { zone: report.timezone }).toFormat(
    "yyyy-MM-dd",
  );
  return {
    png,
    filename: `offer-usages-${day}.png`,
    title: report.title,
    altText: messages(report.lang ?? "en").t("digest.chartAlt", { title: report.title, total: report.total }),
  };
}

/** The query a digest's words mean at `at` (the scheduled time, or now for a report). */
export function resolveDigestQuery(
  words: string | readonly string[],
  at: number,
  defaultTimezone: string,
): Query {
  return resolveQuery(parseQueryWords(words), { now: at, defaultTimezone });
}

/** The digest's language: its own `lang=`, else the workspace's or DEFAULT_LANGUAGE, else English. */
export function digestLanguage(words: string | readonly string[], deps: { defaultLanguage?: Lang }): Lang {
  return parseQueryWords(words).lang ?? deps.defaultLanguage ?? "en";
}

export interface DigestRunOptions {
  runKey?: string;
  late?: { scheduledAt: number };
  signal?: AbortSignal;
  /** "interactive" for a person waiting (`/offers report`, Run now): it leaves the reserve alone. */
  priority?: Priority;
}

export async function prepareDigest(
  words: string | readonly string[],
  at: number,
  deps: DigestDeps,
  opts: DigestRunOptions = {},
): Promise<PreparedDigest> {
  const query = resolveDigestQuery(words, at, deps.defaultTimezone);
  const made = await fetchAndDraw(query, digestLanguage(words, deps), at, deps, opts);
  return preparedDigest(query, made, opts, { words, at, timezone: deps.defaultTimezone });
}

/** What a digest is before it becomes a message: the same for every run of the same query, language and time. */
export interface DigestParts {
  readonly report: Report;
  readonly chart: ChartFile | null;
  readonly chartError: string | null;
  /** The numbers behind it as CSV (src/report/csv.ts), made on first use. */
  readonly csv: () => DigestCsv;
}

/** query → fetch (this period and the previous) → report → chart. */
export async function fetchAndDraw(
  query: Query,
  lang: Lang,
  at: number,
  deps: DigestDeps,
  opts: { signal?: AbortSignal; priority?: Priority } = {},
): Promise<DigestParts> {
  const fetch = {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.priority ? { priority: opts.priority } : {}),
  };
  const [current, prev] = await Promise.all([
    deps.client.query(query, fetch),
    fetchPrevious(deps.client, query, at, fetch),
  ]);
  let report = buildReport(current, prev.result, {
    now: at,
    dataLagMinutes: deps.dataLagMinutes ?? 15,
    lang,
  });
  if (!prev.aligned && report.series.previous !== null)
    report = { ...report, series: { ...report.series, previous: null } };

  let chart: ChartFile | null = null;
  let chartError: string | null = null;
  try {
    const started = performance.now();
    chart = chartFile(report, (await deps.charts.drawTimeSeries(chartSeries(report))).png);
    deps.onRendered?.((performance.now() - started) / 1000);
  } catch (e) {
    chartError = (e as Error).message;
  }
  let csv: DigestCsv | undefined;
  return { report, chart, chartError, csv: () => (csv ??= digestCsv(current)) };
}

/** One run's digest from its parts: the run key and lateness are this run's own. */
export function preparedDigest(
  query: Query,
  parts: DigestParts,
  opts: DigestRunOptions,
  source: { words: string | readonly string[]; at: number; timezone: string },
): PreparedDigest {
  const { report } = parts;
  const base: DigestOptions = {
    ...(opts.runKey !== undefined ? { runKey: opts.runKey } : {}),
    ...(opts.late !== undefined ? { late: opts.late } : {}),
    // The CSV button fetches the same words at the same instant again (src/slack/listeners/actions/digest-csv.ts).
    csv: csvButtonValue({
      words: typeof source.words === "string" ? source.words : source.words.join(" "),
      at: source.at,
      timezone: source.timezone,
    }),
  };
  return {
    query,
    report,
    chart: parts.chart,
    chartError: parts.chartError,
    message: (ref) =>
      digestMessage(report, { ...base, chart: ref ?? null, chartFailed: ref === null || ref === undefined }),
    csv: parts.csv,
  };
}

/** Posts a prepared digest: chart uploaded first, text never lost, one message per run key. */
export function sendDigest(
  prepared: PreparedDigest,
  delivery: Delivery,
  target: {
    channel: string;
    runKey?: string;
    dedupe?: boolean;
    threadTs?: string;
    /** The chart was uploaded already, once for every run sharing it (pipeline/shared-digest.ts). */
    uploadedFileId?: string | null;
  },
): Promise<PostResult> {
  return delivery.post({
    channel: target.channel,
    chart: prepared.chart,
    message: (ref) => prepared.message(ref),
    ...(target.runKey !== undefined ? { runKey: target.runKey } : {}),
    ...(target.dedupe !== undefined ? { dedupe: target.dedupe } : {}),
    ...(target.threadTs !== undefined ? { threadTs: target.threadTs } : {}),
    ...(target.uploadedFileId != null ? { uploadedFileId: target.uploadedFileId } : {}),
  });
}
