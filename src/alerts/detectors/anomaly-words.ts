/**
 * The anomaly detector's sentences, built from the window it judged: "No usages for 3 h since
 * 14:00 (about 21 expected)", "412 usages in the last 24 h (since Tue 15:00), about half the usual
 * 830". Each ratio word is stated only for ratios it is true of (test/alerts/reasons.test.ts checks
 * that on every alert of real NAB data).
 */
import { DAY, MINUTE } from "../series.ts";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "5 min", "3 h", "2 h 30 min", "2 d" for a window length. */
export function spanWords(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (ms >= 2 * DAY && ms % DAY === 0) return `${ms / DAY} d`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Local wall-clock ms → "14:00", or "Tue 14:00" when it is not on the day of `todayLocal`. */
export function clockWords(localMs: number, todayLocal: number): string {
  const iso = new Date(localMs).toISOString();
  const clock = iso.slice(11, 16);
  if (Math.floor(localMs / DAY) === Math.floor(todayLocal / DAY)) return clock;
  // 1970-01-01 (day 0) was a Thursday.
  const weekday = WEEKDAYS[(((Math.floor(localMs / DAY) + 3) % 7) + 7) % 7] as string;
  return `${weekday} ${clock}`;
}

/** A count as people read it: whole from 10 on, one decimal below. */
export function amount(x: number): string {
  if (x >= 10) return Math.round(x).toLocaleString("en-US");
  return String(Math.round(x * 10) / 10);
}

/** Observed against the usual amount, in words that are true of the ratio. */
export function ratioWords(observed: number, expected: number): string {
  const r = observed / expected;
  const usual = `the usual ${amount(expected)}`;
  if (r < 1) {
    if (r >= 0.4 && r < 0.6) return `about half ${usual}`;
    if (r >= 0.28 && r < 0.4) return `about a third of ${usual}`;
    if (r >= 0.2 && r < 0.28) return `about a quarter of ${usual}`;
    return `${Math.round(100 * (1 - r))} % below ${usual}`;
  }
  if (r >= 1.8) return `about ${Math.round(r * 10) / 10} times ${usual}`;
  return `${Math.round(100 * (r - 1))} % above ${usual}`;
}

export interface WindowFacts {
  readonly observed: number;
  readonly expected: number;
  readonly spanMs: number;
  /** Local wall-clock start of the window and end of the judged bucket. */
  readonly fromLocal: number;
  readonly toLocal: number;
}

export function windowSentence(w: WindowFacts): string {
  const since = clockWords(w.fromLocal, w.toLocal - 1);
  const span = spanWords(w.spanMs);
  if (w.observed === 0) return `No usages for ${span} since ${since} (about ${amount(w.expected)} expected)`;
  const usages = w.observed === 1 ? "usage" : "usages";
  return `${w.observed.toLocaleString("en-US")} ${usages} in the last ${span} (since ${since}), ${ratioWords(w.observed, w.expected)}`;
}

/** "about 40 % lower", "about 25 % higher" for a level ratio. */
export function levelWords(ratio: number): string {
  const pct = Math.round(Math.abs(1 - ratio) * 100);
  return `about ${pct} % ${ratio < 1 ? "lower" : "higher"}`;
}
