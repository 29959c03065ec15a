/**
 * The preview `/offers alert …` answers with before the rule is kept: the rule run as if live over
 * the last 4 weeks (plus the history its first verdicts need), counting the alerts it would have
 * sent. The same plan, history and verdicts as the evaluation job, so the preview does not promise
 * what the live rule would not do.
 */

import { localWhen } from "../../templates/alert-words.ts";
import { backtestRun } from "../alerts/backtest.ts";
import { evaluateSeries } from "../alerts/evaluate.ts";
import type { PlacewiseClient } from "../placewise/client/index.ts";
import { bucketStart, nextBucket } from "../placewise/grid.ts";
import { fetchHistory } from "./alert/history.ts";
import { judgedSeries } from "./alert/judge.ts";
import { newestCompleteBucket, planAlert } from "./alert/plan.ts";

export const PREVIEW_WEEKS = 4;
const WEEK = 7 * 86_400_000;

export interface PreviewInput {
  readonly ruleText: string;
  readonly query: string;
  readonly timezone: string;
}

export interface AlertPreview {
  /** One paragraph for the `/offers alert` answer. */
  readonly sentence: string;
  /** Alerts (first notifications of incidents) it would have sent in the last 4 weeks, all labels. */
  readonly firings: number;
  /** The newest of them, or null. */
  readonly lastAt: number | null;
  /** The rule could not judge the newest bucket yet (too little history). */
  readonly learning: boolean;
  /** Placewise requests the preview cost. */
  readonly requests: number;
}

function times(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

export async function previewAlert(
  client: PlacewiseClient,
  p: PreviewInput,
  now: number,
): Promise<AlertPreview> {
  const plan = planAlert(p.ruleText, p.query, p.timezone, now);
  const end = nextBucket(
    newestCompleteBucket(now, plan.interval, plan.timezone),
    plan.interval,
    plan.timezone,
  );
  const windowStart = bucketStart(end - PREVIEW_WEEKS * WEEK, plan.interval, plan.timezone);
  const history = await fetchHistory(client, plan, windowStart - plan.historyMs, end);
  let firings = 0;
  let lastAt: number | null = null;
  let learning = false;
  const perLabel: string[] = [];
  for (const label of history.labels) {
    const series = judgedSeries(plan, label, label.times.length - 1);
    if (series.times.length === 0) {
      learning = true;
      continue;
    }
    const run = backtestRun(plan.rule, series, plan.timezone);
    const fired = run.alerts.filter((a) => a.kind === "firing" && a.at >= windowStart);
    firings += fired.length;
    for (const a of fired) lastAt = Math.max(lastAt ?? a.at, a.at);
    if (label.name !== "" && fired.length > 0) perLabel.push(`${label.name} ${fired.length}`);
    const newest = evaluateSeries(plan.rule, series, plan.timezone, series.times.length - 1)[0];
    if (newest?.learning) learning = true;
  }
  const parts: string[] = [];
  if (firings === 0) parts.push(`Over the last ${PREVIEW_WEEKS} weeks this rule would not have fired.`);
  else {
    const last = localWhen(lastAt as number, plan.timezone);
    const split = perLabel.length > 1 ? `; ${perLabel.join(", ")}` : "";
    parts.push(
      `Over the last ${PREVIEW_WEEKS} weeks this rule would have fired ${times(firings)} (last: ${last}${split}).`,
    );
  }
  if (learning)
    parts.push(
      "It is still learning: there is too little history for its baseline yet (a week for daily patterns, 3 weeks for weekly ones), so it will not fire before then.",
    );
  if (plan.intervalNote !== null) parts.push(`It is ${plan.intervalNote}.`);
  parts.push("The chart comes with its first alert.");
  return { sentence: parts.join(" "), firings, lastAt, learning, requests: history.requests };
}
