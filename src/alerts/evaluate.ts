/**
 * One entry point for every rule kind. Each verdict on bucket i reads rows 0..i only, so a live
 * evaluation and a backtest over the same rows agree bucket for bucket.
 */
import { isActive } from "./active.ts";
import { DETECTORS } from "./detectors/registry.ts";
import type { Evaluation } from "./evaluation.ts";
import type { AlertRule } from "./rule.ts";
import { type SeriesContext, type SeriesInput, seriesContext } from "./series.ts";

/** The verdict on bucket `i` of a prepared series (see seriesContext), using rows 0..i only. */
export function evaluateAt(rule: AlertRule, ctx: SeriesContext, i: number): Evaluation {
  const j = DETECTORS[rule.kind].judge(rule, ctx, i);
  const active = isActive(rule, ctx.local[i] as number, ctx.stepMs);
  return { at: ctx.times[i] as number, value: ctx.values[i] as number, active, ...j };
}

/**
 * The verdict on bucket `index` of `history`; rows after `index` are ignored. `stepMs` is the
 * bucket length when the history is too short to infer it (a single row).
 */
export function evaluateBucket(
  rule: AlertRule,
  history: SeriesInput,
  index: number,
  tz: string,
  stepMs?: number,
): Evaluation {
  const cut = { times: history.times.slice(0, index + 1), values: history.values.slice(0, index + 1) };
  return evaluateAt(rule, seriesContext(cut, tz, stepMs), index);
}

/** Verdicts on every bucket from `from` on, each using the rows up to itself only. */
export function evaluateSeries(
  rule: AlertRule,
  series: SeriesInput,
  tz: string,
  from = 0,
  stepMs?: number,
): Evaluation[] {
  const ctx = seriesContext(series, tz, stepMs);
  const out: Evaluation[] = [];
  for (let i = Math.max(0, from); i < series.times.length; i++) out.push(evaluateAt(rule, ctx, i));
  return out;
}
