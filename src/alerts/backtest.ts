/**
 * Runs a rule over a series as if live: bucket by bucket, each verdict from the rows up to that
 * bucket, each notification from the state machine. "Alerts it would have sent" are the firing
 * notifications and reminders (not every breaching bucket, and not the resolutions): what would
 * have made a phone buzz. The NAB benchmark scores exactly this list.
 */
import { evaluateAt } from "./evaluate.ts";
import type { Evaluation } from "./evaluation.ts";
import { INITIAL_STATE, type NotifyKind, step } from "./lifecycle.ts";
import type { AlertRule } from "./rule.ts";
import { type SeriesInput, seriesContext } from "./series.ts";

export interface BacktestAlert {
  readonly at: number;
  readonly value: number;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly kind: Exclude<NotifyKind, "resolved">;
  readonly reason: string;
}

export interface BacktestRun {
  readonly alerts: BacktestAlert[];
  /** Resolutions too, for people reading the text output. */
  readonly resolved: { readonly at: number; readonly startedAt: number | null }[];
  /** Buckets judged (not learning, inside active hours). */
  readonly judged: number;
  readonly stepMs: number;
}

export function backtestRun(rule: AlertRule, series: SeriesInput, tz: string, stepMs?: number): BacktestRun {
  const ctx = seriesContext(series, tz, stepMs);
  let state = INITIAL_STATE;
  const alerts: BacktestAlert[] = [];
  const resolved: BacktestRun["resolved"] = [];
  let judged = 0;
  for (let i = 0; i < series.times.length; i++) {
    const ev: Evaluation = evaluateAt(rule, ctx, i);
    if (ev.active && !ev.learning) judged++;
    // The bucket is judged when it is complete, at its end.
    const r = step(state, ev, rule, ev.at + ctx.stepMs);
    state = r.state;
    const n = r.notify;
    if (n === null) continue;
    if (n.kind === "resolved") {
      resolved.push({ at: n.at, startedAt: n.incidentStartedAt });
    } else {
      const { at, value, expected, low, high, kind, reason } = n;
      alerts.push({ at, value, expected, low, high, kind, reason });
    }
  }
  return { alerts, resolved, judged, stepMs: ctx.stepMs };
}

/** The alerts a rule would have sent over `series` (firing notifications and reminders). */
export function backtest(rule: AlertRule, series: SeriesInput, tz: string, stepMs?: number): BacktestAlert[] {
  return backtestRun(rule, series, tz, stepMs).alerts;
}
