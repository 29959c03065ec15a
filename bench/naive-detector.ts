/**
 * The baseline every anomaly number is compared with: |value - mean| > 3 sd of the trailing 7 days,
 * no seasonality, through the same alert state machine as the real rule.
 */
import type { Evaluation } from "../src/alerts/evaluation.ts";
import { INITIAL_STATE, step } from "../src/alerts/lifecycle.ts";
import type { AlertRule } from "../src/alerts/rule.ts";
import type { SeriesInput } from "../src/alerts/series.ts";

const WEEK = 7 * 86_400_000;

/** Alert times of the naive baseline. */
export function naiveAlerts(series: SeriesInput, stepMs: number, rule: AlertRule): number[] {
  const n = series.times.length;
  const per = Math.round(WEEK / stepMs);
  let sum = 0;
  let sq = 0;
  let state = INITIAL_STATE;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = series.values[i] as number;
    const ready = i >= per;
    const mean = ready ? sum / per : 0;
    const sd = ready ? Math.sqrt(Math.max(sq / per - mean * mean, 1e-9)) : 0;
    const z = ready ? (y - mean) / sd : 0;
    const ev: Evaluation = {
      at: series.times[i] as number,
      value: y,
      expected: mean,
      low: mean - 3 * sd,
      high: mean + 3 * sd,
      breach: ready && Math.abs(z) > 3,
      recovered: Math.abs(z) < 1.5,
      active: true,
      learning: !ready,
      reason: "",
    };
    const r = step(state, ev, rule, ev.at + stepMs);
    state = r.state;
    if (r.notify !== null && r.notify.kind !== "resolved") out.push(r.notify.at);
    sum += y;
    sq += y * y;
    if (i >= per) {
      const old = series.values[i - per] as number;
      sum -= old;
      sq -= old * old;
    }
  }
  return out;
}
