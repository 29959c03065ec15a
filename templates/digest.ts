import { type Messages, messages } from "../src/i18n/index.ts";
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

function totalText(report: Report, m: Messages): string {
  // A cut answer only gives a lower bound; "at least" keeps the digits and says so.
  const n = formatCount(report.total, m);
  return report.truncated ? m.t("digest.atLeast", { n }) : n;
}

function changeText(report: Report, m: Messages): string {
  if (report.change === null || report.previous === null) return m.t("digest.noPrevious");
  return m.t("digest.changeVs", {
    change: formatChange(report.change, m),
    n: formatCount(report.previous.comparedTotal, m),
  });
}

function averageText(report: Report, m: Messages): string {
  const { perBucket, perDay } = report.average;
  if (perBucket === null) return m.t("digest.noneYet");
  const parts = [m.t(`digest.avg.${report.interval}`, { n: formatAverage(perBucket, m) })];
  if (report.interval !== "1d" && perDay !== null)
    parts.push(m.t("digest.avg.1d", { n: formatAverage(perDay, m) }));
  return parts.join(" · ");
}

function zoneText(report: Report, m: Messages): string {
  return report.localTime ? m.t("digest.localTime", { zones: report.zones.join(", ") }) : report.timezone;
}

/** The range as asked, in the zone it was asked in (with clubs in several zones, the buckets are local). */
function rangeText(report: Report, m: Messages): string {
  const { fromMs, toMs, timezone } = report.query.range;
  return rangeInWords(fromMs, toMs, timezone, m);
}

function breakdownText(report: Report, m: Messages): string | null {
  const b = report.breakdown;
  if (b === null || b.items.length === 0) return null;
  const lines = b.items.map(
    (i) =>
      `\`${shareBar(i.share)}\` ${escapeMrkdwn(i.name)}: ${formatCount(i.total, m)} (${formatShare(i.share, m)})`,
  );
  return `*${m.t("digest.by", { by: escapeMrkdwn(b.byWords) })}*\n${lines.join("\n")}`;
}

function contextLine(report: Report, appUrl: string, m: Messages): string[] {
  const items = [`${escapeMrkdwn(rangeText(report, m))} · ${escapeMrkdwn(zoneText(report, m))}`];
  if (report.filterWords !== "") items.push(escapeMrkdwn(report.filterWords));
  if (report.clubWords !== null) items.push(escapeMrkdwn(report.clubWords));
  items.push(`<${escapeMrkdwn(appUrl)}|${m.t("digest.open")}>`);
  return items;
}

/**
 * The digest message: header, the numbers as fields, the breakdown, the chart, what was counted,
 * and notes. Pure; every user-typed or data-borne text is escaped; limits enforced at the end.
 */
export function digestMessage(report: Report, opts: DigestOptions = {}): DigestMessage {
  // The report's words are in its language already; the message's own words follow it.
  const m = messages(report.lang ?? "en");
  const blocks: Block[] = [header(report.title)];
  const peak =
    report.peak === null
      ? m.t("digest.none")
      : m.t("digest.peakAt", {
          n: formatCount(report.peak.value, m),
          label: escapeMrkdwn(report.peak.label),
        });
  blocks.push(
    fields([
      `*${m.t("digest.total")}*\n${totalText(report, m)}`,
      `*${m.t("digest.change")}*\n${changeText(report, m)}`,
      `*${m.t("digest.peak")}*\n${peak}`,
      `*${m.t("digest.average")}*\n${averageText(report, m)}`,
    ]),
  );
  const breakdown = breakdownText(report, m);
  if (breakdown !== null) blocks.push(section(breakdown));
  if (opts.chart) blocks.push(image(opts.chart, opts.chart.altText));
  blocks.push(context(contextLine(report, opts.appUrl ?? PLACEWISE_APP_URL, m)));

  const notes = report.notes.map((n) => `⚠️ ${escapeMrkdwn(n.text)}`);
  if (opts.chartFailed) notes.unshift(`⚠️ ${m.t("digest.chartFailed")}`);
  if (opts.late) {
    const when = localDateTime(opts.late.scheduledAt, report.timezone);
    notes.push(`⏱️ ${m.t("digest.late", { when: escapeMrkdwn(when), zone: escapeMrkdwn(report.timezone) })}`);
  }
  if (notes.length > 0) blocks.push(context(notes));
  if (opts.csv) blocks.push(csvActions(opts.csv));

  const text = fallbackText([
    escapeMrkdwn(report.title),
    m.t("digest.fallback", {
      total: totalText(report, m),
      change: changeText(report, m),
      range: escapeMrkdwn(rangeText(report, m)),
      zone: escapeMrkdwn(zoneText(report, m)),
    }),
    opts.chartFailed ? m.t("digest.fallbackChartFailed") : "",
  ]);
  const message: DigestMessage = { text, blocks: clampBlocks(blocks) };
  if (opts.runKey !== undefined) {
    message.metadata = { event_type: DIGEST_EVENT_TYPE, event_payload: { run_key: opts.runKey } };
  }
  return message;
}
