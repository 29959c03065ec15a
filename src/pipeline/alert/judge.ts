/**
 * One label's verdict on one bucket and the state machine's step, pure: the same rows give the
 * same verdict live, in the preview and in a backtest (each verdict reads rows up to its bucket).
 */
import { DETECTORS } from "../../alerts/detectors/registry.ts";
import { evaluateSeries } from "../../alerts/evaluate.ts";
import type { Evaluation } from "../../alerts/evaluation.ts";
import {
  type AlertState,
  INITIAL_STATE,
  type Silence,
  type StepResult,
  step,
} from "../../alerts/lifecycle.ts";
import type { SeriesInput } from "../../alerts/series.ts";
import { nextBucket, nominalMs } from "../../placewise/grid.ts";
import type { AlertState as StoredState } from "../../store/alert-states.ts";
import { fromFirstUsage } from "./history.ts";
import { type AlertPlan, CHART_BUCKETS } from "./plan.ts";

export interface Verdict {
  readonly evaluation: Evaluation;
  readonly step: StepResult;
  /** Verdicts on the buckets drawn on the chart (up to CHART_BUCKETS, ending at the judged one). */
  readonly recent: readonly Evaluation[];
}

/** The series up to and including the judged bucket, as the rule sees it (from first usage, if its kind says so). */
export function judgedSeries(plan: AlertPlan, s: SeriesInput, index: number): SeriesInput {
  const upTo = { times: s.times.slice(0, index + 1), values: s.values.slice(0, index + 1) };
  return DETECTORS[plan.rule.kind].fromFirstUsage ? fromFirstUsage(upTo).series : upTo;
}

function noUsageYet(at: number): Evaluation {
  return {
    at,
    value: 0,
    expected: null,
    low: null,
    high: null,
    breach: false,
    recovered: false,
    active: true,
    learning: true,
    reason: "still learning: no usage yet to learn from",
  };
}

export function toLifecycle(s: StoredState | null): AlertState {
  if (s === null) return INITIAL_STATE;
  return {
    status: s.status,
    since: s.since,
    breachCount: s.breachCount,
    recoverCount: s.recoverCount,
    incidentStartedAt: s.incidentStartedAt,
    announced: s.announced,
    lastNotifiedAt: s.lastNotifiedAt,
    lastFiringAt: s.lastFiringAt,
  };
}

/**
 * Judges bucket `at` of `s` and steps the state. "Now" for the state machine is the bucket's end,
 * as in a backtest, so a late (caught-up) verdict keeps the cooldown and snooze of its own time.
 */
export function judge(
  plan: AlertPlan,
  s: SeriesInput,
  at: number,
  state: AlertState,
  silence: Silence,
): Verdict {
  const index = s.times.indexOf(at);
  const end = nextBucket(at, plan.interval, plan.timezone);
  if (index === -1) throw new Error(`bucket ${new Date(at).toISOString()} is not in the fetched history`);
  const series = judgedSeries(plan, s, index);
  if (series.times.length === 0) {
    const ev = noUsageYet(at);
    return { evaluation: ev, step: step(state, ev, plan.rule, end, silence), recent: [] };
  }
  // One row cannot show its own step; the nominal one is right for 5m and 1h and close for the rest.
  const stepMs = series.times.length < 2 ? nominalMs(plan.interval) : undefined;
  const from = Math.max(0, series.times.length - CHART_BUCKETS);
  const recent = evaluateSeries(plan.rule, series, plan.timezone, from, stepMs);
  const ev = recent[recent.length - 1] as Evaluation;
  return { evaluation: ev, step: step(state, ev, plan.rule, end, silence), recent };
}
