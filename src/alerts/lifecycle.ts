/**
 * The alert state machine, per rule and label: ok → pending → firing → resolved. Pure: the caller
 * stores the state and passes "now" (the end of the bucket just judged) and the user's snooze/mute.
 */
import type { Evaluation } from "./evaluation.ts";
import type { AlertRule } from "./rule.ts";

export type AlertStatus = "ok" | "pending" | "firing" | "resolved";

export interface AlertState {
  readonly status: AlertStatus;
  /** Bucket start at which the current status began. */
  readonly since: number | null;
  /** Breaching active buckets in a row. */
  readonly breachCount: number;
  /** Recovered active buckets in a row while firing. */
  readonly recoverCount: number;
  /** First breaching bucket of the open (pending or firing) incident. */
  readonly incidentStartedAt: number | null;
  /** The open incident has been announced (so its end will be announced too). */
  readonly announced: boolean;
  /** Last firing or reminder notification of the open incident. */
  readonly lastNotifiedAt: number | null;
  /** Last firing notification of any incident; the cooldown counts from it. */
  readonly lastFiringAt: number | null;
}

export type NotifyKind = "firing" | "renotify" | "resolved";

export interface Notification {
  readonly kind: NotifyKind;
  /** The bucket that caused it. */
  readonly at: number;
  readonly value: number;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly incidentStartedAt: number | null;
  readonly reason: string;
}

export interface Silence {
  /** Notifications are held back until this time (epoch ms); the state machine keeps running. */
  readonly snoozedUntil?: number | null;
  /** No notifications at all until unmuted. */
  readonly muted?: boolean;
}

export const INITIAL_STATE: AlertState = {
  status: "ok",
  since: null,
  breachCount: 0,
  recoverCount: 0,
  incidentStartedAt: null,
  announced: false,
  lastNotifiedAt: null,
  lastFiringAt: null,
};

/**
 * Recovered buckets in a row needed to resolve: the rule's `for`, but at least 2, so input that
 * alternates breach / fine (a flapping scanner) keeps one incident open instead of sending
 * firing, resolved, firing, resolved every other bucket.
 */
export function recoverNeeded(rule: Pick<AlertRule, "for">): number {
  return Math.max(2, rule.for);
}

function canNotify(now: number, silence: Silence): boolean {
  return silence.muted !== true && !(silence.snoozedUntil != null && now < silence.snoozedUntil);
}

function notification(kind: NotifyKind, ev: Evaluation, startedAt: number | null): Notification {
  const { at, value, expected, low, high, reason } = ev;
  return { kind, at, value, expected, low, high, incidentStartedAt: startedAt, reason };
}

/** Announce (or hold back) an open incident that has not been announced yet, or remind about it. */
function announce(s: AlertState, ev: Evaluation, rule: AlertRule, now: number, silence: Silence): StepResult {
  if (!canNotify(now, silence)) return { state: s, notify: null };
  if (!s.announced) {
    if (s.lastFiringAt !== null && now < s.lastFiringAt + rule.cooldownMs) return { state: s, notify: null };
    const state = { ...s, announced: true, lastNotifiedAt: now, lastFiringAt: now };
    return { state, notify: notification("firing", ev, s.incidentStartedAt) };
  }
  if (rule.renotifyMs > 0 && s.lastNotifiedAt !== null && now >= s.lastNotifiedAt + rule.renotifyMs) {
    return {
      state: { ...s, lastNotifiedAt: now },
      notify: notification("renotify", ev, s.incidentStartedAt),
    };
  }
  return { state: s, notify: null };
}

export interface StepResult {
  readonly state: AlertState;
  readonly notify: Notification | null;
}

/**
 * Advances the state by one judged bucket. Inactive buckets (outside hours/days) and learning
 * buckets change nothing: an incident open at closing time is still open at opening time.
 * An incident held back by snooze, mute or cooldown is announced at the first bucket after, if it
 * is still firing then.
 */
export function step(
  state: AlertState,
  ev: Evaluation,
  rule: AlertRule,
  now: number,
  silence: Silence = {},
): StepResult {
  if (!ev.active || ev.learning) return { state, notify: null };
  const s = state;
  if (s.status === "firing") {
    if (ev.breach)
      return announce({ ...s, breachCount: s.breachCount + 1, recoverCount: 0 }, ev, rule, now, silence);
    if (!ev.recovered) return announce({ ...s, recoverCount: 0 }, ev, rule, now, silence);
    const recoverCount = s.recoverCount + 1;
    if (recoverCount < recoverNeeded(rule)) return announce({ ...s, recoverCount }, ev, rule, now, silence);
    const resolved: AlertState = {
      ...s,
      status: "resolved",
      since: ev.at,
      breachCount: 0,
      recoverCount: 0,
      incidentStartedAt: null,
      announced: false,
      lastNotifiedAt: null,
    };
    const tell = s.announced && canNotify(now, silence);
    return { state: resolved, notify: tell ? notification("resolved", ev, s.incidentStartedAt) : null };
  }
  if (!ev.breach) {
    if (s.status === "ok" && s.breachCount === 0) return { state: s, notify: null };
    return {
      state: { ...s, status: "ok", since: ev.at, breachCount: 0, incidentStartedAt: null },
      notify: null,
    };
  }
  const breachCount = s.breachCount + 1;
  const incidentStartedAt = s.incidentStartedAt ?? ev.at;
  if (breachCount < rule.for) {
    const since = s.status === "pending" ? s.since : ev.at;
    return { state: { ...s, status: "pending", since, breachCount, incidentStartedAt }, notify: null };
  }
  const firing: AlertState = {
    ...s,
    status: "firing",
    since: ev.at,
    breachCount,
    recoverCount: 0,
    incidentStartedAt,
  };
  return announce(firing, ev, rule, now, silence);
}
