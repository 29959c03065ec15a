/**
 * The words for conditional delivery (`when=`) and the CSV option, in one place so the language
 * catalogue can take them over: why a run was skipped, how `/offers list` shows it, and how the
 * subscribe reply states the options. Pure.
 */
import {
  DEFAULT_CHANGE_PERCENT,
  type SkipDecision,
  type SubscriptionOptions,
} from "../src/report/conditions.ts";
import { formatPercent } from "./format.ts";

/** Stored on the run and the subscription: "no usages", "changed 3.2% (needs more than 10%)". */
export function skipReasonText(d: Extract<SkipDecision, { skip: true }>): string {
  if (d.code === "no_usages") return "no usages";
  const sign = d.percent > 0 ? "+" : d.percent < 0 ? "-" : "";
  return `changed ${sign}${formatPercent(d.percent)} (needs more than ${formatPercent(d.threshold)})`;
}

/** The list's status for a last run that was skipped: "skipped at 08:00: no usages". */
export function skippedStatusText(when: string, reason: string): string {
  return `skipped at ${when}: ${reason}`;
}

/** The options in a sentence for the subscribe reply; null when both are the defaults. */
export function optionsInWords(o: SubscriptionOptions): string | null {
  const parts: string[] = [];
  if (o.when.kind === "nonzero") parts.push("Skipped when there are no usages.");
  if (o.when.kind === "changed") {
    const dflt = o.when.percent === DEFAULT_CHANGE_PERCENT ? " (the default for `when=changed`)" : "";
    parts.push(
      `Posted only when the total moved more than ${formatPercent(o.when.percent)}${dflt} against the previous period.`,
    );
  }
  if (o.csv) parts.push("Each digest gets its numbers as a CSV file in its thread.");
  return parts.length === 0 ? null : parts.join(" ");
}
