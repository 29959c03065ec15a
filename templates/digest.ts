import type { Report } from "../src/report/types.ts";
import { localDateTime, rangeInWords } from "../src/report/when.ts";
import {
  type Block,
  clampBlocks,
  context,
  escapeMrkdwn,
  fallbackText,
  fields,
  header,
  image,
  section,
} from "./blocks.ts";
import { csvActions } from "./digest-csv.ts";
import { formatAverage, formatChange, formatCount, formatShare, shareBar } from "./format.ts";

export const PLACEWISE_APP_URL = "https://app.placewise.com";
export const DIGEST_EVENT_TYPE = "offer_digest";

export type ChartImage = { fileId: string; altText: string } | { imageUrl: string; altText: string };

export interface DigestOptions {
  /** The uploaded chart (by Slack file id) or, in the sandbox, a URL; null/absent: no image block. */
  chart?: ChartImage | null;
  /** The chart could not be rendered or uploaded: the text still goes out, saying so. */
  chartFailed?: boolean;
  appUrl?: string;
  /** Stored as message metadata so a run can find its own message again after a crash. */
  runKey?: string;
  /** Set when a missed run is delivered after a restart. */
  late?: { scheduledAt: number };
  /** The CSV button's value (src/report/csv.ts `csvButtonValue`); null/absent: no button. */
  csv?: string | null;
}

export interface DigestMessage {
  text: string;
  blocks: Block[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

const AVERAGE_UNIT = { "5m": "5 min", "1h": "hour", "1d": "day", "1w": "week", "1mo": "month" } as const;

function totalText(report: Report): string {
  // A cut answer only gives a lower bound; "at least" keeps the digits and says so.
  return report.truncated ? `at least ${formatCount(report.total)}` : formatCount(report.total);
}

function changeText(report: Report): string {
  if (report.change === null || report.previous === null) return "no previous data";
  return `${formatChange(report.change)} vs ${formatCount(report.previous.comparedTotal)}`;
}

function averageText(report: Report): string {
  const { perBucket, perDay } = report.average;
  if (perBucket === null) return "none yet";
  const parts = [`${formatAverage(perBucket)} per ${AVERAGE_UNIT[report.interval]}`];
  if (report.interval !== "1d" && perDay !== null) parts.push(`${formatAverage(perDay)} per day`);
  return parts.join(" · ");
}

function zoneText(report: Report): string {
  return report.localTime ? `local time (${report.zones.join(", ")})` : report.timezone;
}

/** The range as asked, in the zone it was asked in (with clubs in several zones, the buckets are local). */
function rangeText(report: Report): string {
  const { fromMs, toMs, timezone } = report.query.range;
  return rangeInWords(fromMs, toMs, timezone);
}

function breakdownText(report: Report): string | null {
  const b = report.breakdown;
  if (b === null || b.items.length === 0) return null;
  const lines = b.items.map(
    (i) =>
      `\`${shareBar(i.share)}\` ${escapeMrkdwn(i.name)}: ${formatCount(i.total)} (${formatShare(i.share)})`,
  );
  return `*By ${escapeMrkdwn(b.byWords)}*\n${lines.join("\n")}`;
}

function contextLine(report: Report, appUrl: string): string[] {
  const items = [`${escapeMrkdwn(rangeText(report))} · ${escapeMrkdwn(zoneText(report))}`];
  if (report.filterWords !== "") items.push(escapeMrkdwn(report.filterWords));
  if (report.clubWords !== null) items.push(escapeMrkdwn(report.clubWords));
  items.push(`<${escapeMrkdwn(appUrl)}|Open in Placewise>`);
  return items;
}

/**
 * The digest message: header, the numbers as fields, the breakdown, the chart, what was counted,
 * and notes. Pure; every user-typed or data-borne text is escaped; limits enforced at the end.
 */
export function digestMessage(report: Report, opts: DigestOptions = {}): DigestMessage {
  const blocks: Block[] = [header(report.title)];
  blocks.push(
    fields([
      `*Total*\n${totalText(report)}`,
      `*Change vs previous period*\n${changeText(report)}`,
      `*Peak*\n${report.peak === null ? "none" : `${formatCount(report.peak.value)} at ${escapeMrkdwn(report.peak.label)}`}`,
      `*Average*\n${averageText(report)}`,
    ]),
  );
  const breakdown = breakdownText(report);
  if (breakdown !== null) blocks.push(section(breakdown));
  if (opts.chart) blocks.push(image(opts.chart, opts.chart.altText));
  blocks.push(context(contextLine(report, opts.appUrl ?? PLACEWISE_APP_URL)));

  const notes = report.notes.map((n) => `⚠️ ${escapeMrkdwn(n.text)}`);
  if (opts.chartFailed)
    notes.unshift("⚠️ Chart unavailable: it could not be drawn this time; the numbers above are complete.");
  if (opts.late) {
    const when = localDateTime(opts.late.scheduledAt, report.timezone);
    notes.push(`⏱️ Sent late: this digest was due at ${escapeMrkdwn(when)} ${escapeMrkdwn(report.timezone)}.`);
  }
  if (notes.length > 0) blocks.push(context(notes));
  if (opts.csv) blocks.push(csvActions(opts.csv));

  const text = fallbackText([
    escapeMrkdwn(report.title),
    `Total: ${totalText(report)} · Change: ${changeText(report)} · ${escapeMrkdwn(rangeText(report))} (${escapeMrkdwn(zoneText(report))})`,
    opts.chartFailed ? "Chart unavailable." : "",
  ]);
  const message: DigestMessage = { text, blocks: clampBlocks(blocks) };
  if (opts.runKey !== undefined) {
    message.metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { run_key: opts.runKey } };
  }
  return message;
}
