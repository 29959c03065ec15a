/**
 * The preview `/offers alert …` answers with before the rule is kept: the rule run as if live over
 * the last 4 weeks (plus the history its first verdicts need), counting the alerts it would have
 * sent, and the chart of those 4 weeks. The same plan, history, verdicts and chart input as the
 * evaluation job, so the preview does not promise what the live rule would not do.
 */

import { localWhen } from "../../templates/alert-words.ts";
import { backtestRun } from "../alerts/backtest.ts";
import { evaluateSeries } from "../alerts/evaluate.ts";
import type { SeriesInput } from "../alerts/series.ts";
import type { AlertChartInput } from "../charts/types.ts";
import type { PlacewiseClient } from "../placewise/client/index.ts";
import { bucketStart, nextBucket } from "../placewise/grid.ts";
import { aggregationInWords } from "../report/labels.ts";
import { alertChartInput } from "./alert/chart.ts";
import { fetchHistory, type LabelSeries } from "./alert/history.ts";
import { judgedSeries } from "./alert/judge.ts";
import { type AlertPlan, newestCompleteBucket, planAlert } from "./alert/plan.ts";

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
  /**
   * The 4 weeks of one label (the one that would have fired most; the first on a tie) with its
   * band or limit and the firings marked; null when no label has a bucket to judge yet.
   */
  readonly chart: AlertChartInput | null;
}

interface LabelRun {
  readonly label: LabelSeries;
  readonly series: SeriesInput;
  /** Bucket starts of the first notifications of incidents inside the window. */
  readonly fired: readonly number[];
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
  let shown: LabelRun | null = null;
  for (const label of history.labels) {
    const series = judgedSeries(plan, label, label.times.length - 1);
    if (series.times.length === 0) {
      learning = true;
      continue;
    }
    const run = backtestRun(plan.rule, series, plan.timezone);
    const fired = run.alerts.filter((a) => a.kind === "firing" && a.at >= windowStart);
    firings += fired.length;
    if (shown === null || fired.length > shown.fired.length)
      shown = { label, series, fired: fired.map((a) => a.at) };
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
  return {
    sentence: parts.join(" "),
    firings,
    lastAt,
    learning,
    requests: history.requests,
    chart: shown === null ? null : previewChart(plan, shown, windowStart, firings),
  };
}

/**
 * The live alert chart's input over the whole window (672 hourly buckets; the chart module thins
 * the ticks), with the firings marked instead of every breaching bucket: the red dots are the
 * alerts the sentence counts, not the hours of each incident.
 */
function previewChart(
  plan: AlertPlan,
  run: LabelRun,
  windowStart: number,
  total: number,
): AlertChartInput | null {
  const from = run.series.times.findIndex((t) => t >= windowStart);
  if (from === -1) return null;
  const evaluations = evaluateSeries(plan.rule, run.series, plan.timezone, from);
  const by = plan.words.aggregateBy;
  const input = alertChartInput(plan, run.label, evaluations, by === null ? null : aggregationInWords(by));
  const mine = times(run.fired.length);
  const summary =
    total === 0
      ? "would not have fired"
      : `would have fired ${run.fired.length === total ? mine : `${mine} here (${total} in all)`}`;
  return {
    ...input,
    subtitle: `${input.subtitle ?? ""} · last ${PREVIEW_WEEKS} weeks: ${summary}`,
    anomalies: run.fired,
  };
}
