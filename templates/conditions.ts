/**
 * The words for conditional delivery (`when=`) and the CSV option, in one place so the language
 * catalogue can take them over: why a run was skipped, how `/offers list` shows it, and how the
 * subscribe reply states the options. Pure.
 */

import { EN, type Messages } from "../src/i18n/index.ts";
import {
  DEFAULT_CHANGE_PERCENT,
  type SkipDecision,
  type SubscriptionOptions,
} from "../src/report/conditions.ts";
import { formatPercent } from "./format.ts";

/**
 * Stored on the run and the subscription, in English: "no usages", "changed 3.2% (needs more than
 * 10%)". The list says it in the reader's language (skipReasonInWords reads it back).
 */
export function skipReasonText(d: Extract<SkipDecision, { skip: true }>, m: Messages = EN): string {
  if (d.code === "no_usages") return m.t("cond.noUsages");
  const sign = d.percent > 0 ? "+" : d.percent < 0 ? "-" : "";
  return m.t("cond.changed", {
    change: `${sign}${formatPercent(d.percent, m)}`,
    threshold: formatPercent(d.threshold, m),
  });
}

const STORED_CHANGED = /^changed ([+-]?)(\d+(?:\.\d+)?)% \(needs more than (\d+(?:\.\d+)?)%\)$/;

/** A stored English reason in `m`'s language; a reason it does not know stays as stored. */
export function skipReasonInWords(stored: string, m: Messages = EN): string {
  if (m.lang === "en") return stored;
  if (stored === "no usages") return skipReasonText({ skip: true, code: "no_usages" }, m);
  const c = STORED_CHANGED.exec(stored);
  if (c === null) return stored;
  const percent = Number(c[2]) * (c[1] === "-" ? -1 : 1);
  return skipReasonText({ skip: true, code: "unchanged", percent, threshold: Number(c[3]) }, m);
}

/**
 * The list's status for a last run that was skipped: "skipped at 08:00: no usages". `sameDay`: `when`
 * is a time of today ("kl. 08:00" in Norwegian), else a day and time.
 */
export function skippedStatusText(when: string, reason: string, m: Messages = EN, sameDay = false): string {
  return m.t(sameDay ? "cond.skippedAt" : "cond.skippedOn", { when, reason: skipReasonInWords(reason, m) });
}

/** The options in a sentence for the subscribe reply; null when both are the defaults. */
export function optionsInWords(o: SubscriptionOptions, m: Messages = EN): string | null {
  const parts: string[] = [];
  if (o.when.kind === "nonzero") parts.push(m.t("cond.nonzero"));
  if (o.when.kind === "changed") {
    const key = o.when.percent === DEFAULT_CHANGE_PERCENT ? "cond.changedDefault" : "cond.changedOption";
    parts.push(m.t(key, { percent: formatPercent(o.when.percent, m) }));
  }
  if (o.csv) parts.push(m.t("cond.csv"));
  return parts.length === 0 ? null : parts.join(" ");
}
