/**
 * Runs the anomaly detector with explicit options (a model, a budget, a longest window) through the
 * same state machine as `backtest`, for the oracle and the cross-validation grid. With the default
 * options it gives exactly the alerts `npx offer-digest backtest --rule anomaly` prints (checked in
 * bench/anomaly.ts).
 */

import { type AnomalyOptions, judgeAnomaly } from "../src/alerts/detectors/anomaly.ts";
import type { ExpectationModel } from "../src/alerts/detectors/anomaly-model.ts";
import { INITIAL_STATE, step } from "../src/alerts/lifecycle.ts";
import type { AlertRule } from "../src/alerts/rule.ts";
import { type SeriesInput, seriesContext } from "../src/alerts/series.ts";

/** Bucket starts of the alerts (firing notifications and reminders) the rule would have sent. */
export function alertsWith(
  rule: AlertRule,
  series: SeriesInput,
  tz: string,
  stepMs: number,
  options: AnomalyOptions,
): number[] {
  const ctx = seriesContext(series, tz, stepMs);
  let state = INITIAL_STATE;
  const out: number[] = [];
  for (let i = 0; i < series.times.length; i++) {
    const j = judgeAnomaly(rule, ctx, i, options);
    const at = series.times[i] as number;
    const ev = { at, value: series.values[i] as number, active: true, ...j };
    const r = step(state, ev, rule, at + stepMs);
    state = r.state;
    if (r.notify !== null && r.notify.kind !== "resolved") out.push(at);
  }
  return out;
}

/** The oracle's model: the generator's true expected count, Poisson (φ = 0), known exactly. */
export function oracleModel(rates: readonly number[]): ExpectationModel {
  return (_ctx, j) => ({
    mode: "weekly",
    expected: rates[j] as number,
    floor: rates[j] as number,
    ceiling: rates[j] as number,
    phi: 0,
    prior: 0,
    level: 1,
  });
}
