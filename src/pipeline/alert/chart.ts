/**
 * The alert chart for a verdict: the last CHART_BUCKETS buckets' counts, the expected band (anomaly,
 * change) or the threshold line, and the breaching buckets marked. Rendering failures leave the
 * chart out; the message still goes, saying so.
 */

import { perInterval, whereInWords } from "../../../templates/alert-words.ts";
import { DETECTORS } from "../../alerts/detectors/registry.ts";
import type { Evaluation } from "../../alerts/evaluation.ts";
import type { ChartDrawer } from "../../charts/renderer.ts";
import type { AlertChartInput } from "../../charts/types.ts";
import type { ChartFile } from "../../delivery/types.ts";
import { type Lang, messages } from "../../i18n/index.ts";
import type { LabelSeries } from "./history.ts";
import type { AlertPlan } from "./plan.ts";

export function alertChartInput(
  plan: AlertPlan,
  label: LabelSeries,
  recent: readonly Evaluation[],
  byWords: string | null,
  /** The chart's language; English when absent. */
  lang?: Lang,
): AlertChartInput {
  const { kind, value } = plan.rule;
  const shape = DETECTORS[kind].expectation;
  const m = messages(lang);
  const where = whereInWords(
    {
      filters: plan.words.filters,
      customer: plan.words.customer,
      byWords,
      label: label.name,
    },
    m,
  );
  const base = {
    title: m.t("chart.alertTitle", { per: perInterval(plan.interval, m), rule: plan.rule.text }),
    subtitle: where,
    ...(lang === undefined || lang === "en" ? {} : { lang }),
    timezone: plan.timezone,
    interval: plan.interval,
    times: recent.map((e) => e.at),
    values: recent.map((e) => e.value),
    anomalies: recent.filter((e) => e.breach && e.active && !e.learning).map((e) => e.at),
  };
  if (shape.fixedLine && value !== null) return { ...base, threshold: value };
  // A band needs a value on every bucket: learning buckets (no band yet) take their own count, and a
  // one-sided limit (drop: a floor; rise: a ceiling) is shaded up to the reference or down to 0.
  const banded = recent.some((e) => e.low !== null || e.high !== null);
  if (!banded) return base;
  const band = (e: Evaluation): [number, number, number] => {
    if (e.low === null && e.high === null) return [e.value, e.value, e.value];
    const expected = e.expected ?? e.value;
    return [e.low ?? 0, Math.max(e.high ?? expected, e.low ?? 0), expected];
  };
  const bands = recent.map(band);
  return {
    ...base,
    low: bands.map((b) => b[0]),
    high: bands.map((b) => b[1]),
    expected: bands.map((b) => b[2]),
  };
}

export async function renderAlertFile(
  charts: ChartDrawer,
  input: AlertChartInput,
  ruleId: number,
): Promise<ChartFile | null> {
  try {
    const { png } = await charts.drawAlertChart(input);
    return {
      png,
      filename: `offer-alert-${ruleId}.png`,
      title: input.title,
      altText: `Chart: ${input.title}, ${input.subtitle ?? ""}. Breaching buckets are marked in red.`,
    };
  } catch {
    return null;
  }
}
