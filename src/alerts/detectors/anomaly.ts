/**
 * `anomaly`: each bucket's count against a count model (anomaly-model.ts: the seasonal baseline
 * scaled by the recent level, negative binomial over-dispersion from the series' own history),
 * judged by a scan over windows of 1 bucket to 48 h on both sides (anomaly-memo.ts), with the alarm
 * threshold set by a false-alarm budget per sensitivity (budget.ts). So a 3 h silence where 2 an
 * hour are usual, a day at -50 % at 8 an hour and a 1 h burst of 3× all fire, one quiet hour does
 * not, a window expected to hold less than one usage (closed hours) never fires, and neither does
 * one less than 30 % below or 43 % above what is expected, however certain (a big series' 20 % dip
 * of half an hour: SCAN_DEFAULTS.effectRatio, anomaly-memo.ts).
 */
import type { AlertRule, Direction, Sensitivity } from "../rule.ts";
import { DAY, type SeriesContext, WEEK } from "../series.ts";
import {
  type AnomalyMemo,
  anomalyMemo,
  fillMemo,
  SCAN_DEFAULTS,
  type ScanOptions,
  type SideScan,
} from "./anomaly-memo.ts";
import { clockWords, levelWords, windowSentence } from "./anomaly-words.ts";
import { countBand } from "./bands.ts";
import { zFromLogTail } from "./count-z.ts";
import type { Detector, Draft, WordsRead } from "./detector.ts";
import { type Judgement, learning } from "./judgement.ts";
import { SEASONAL } from "./seasonal.ts";
import { oneOf } from "./words.ts";

/** A level that moved this much while an alarm was on is announced as the new normal. */
const NEW_LEVEL = 0.2;

/** The level of bucket j against a week before, or null when either is not known. */
function levelChange(m: AnomalyMemo, j: number, week: number): number | null {
  const now = m.model[j];
  const before = m.model[j - week];
  if (now === undefined || before === undefined || now.mode !== "weekly" || before.mode !== "weekly")
    return null;
  return now.level / before.level;
}

/**
 * "New level about 40 % lower since Tue 10:00: …", once, at the bucket where the level (the median of
 * the last days' ratios, anomaly-model.ts) has moved 20 % or more from a week before; "since" is the
 * first alarm of that week, when there was one (the change the channel was told about).
 */
function newLevel(m: AnomalyMemo, ctx: SeriesContext, i: number): string | null {
  const week = Math.round(WEEK / ctx.stepMs);
  const half = Math.max(1, Math.round(DAY / 2 / ctx.stepMs));
  // Moved from a week before, and settled (within 3 % of half a day before): said once, when it settles.
  const settled = (j: number) => {
    const c = levelChange(m, j, week);
    const drift = levelChange(m, j, half);
    return c !== null && drift !== null && Math.abs(c - 1) >= NEW_LEVEL && Math.abs(drift - 1) < 0.03;
  };
  if (!settled(i) || settled(i - 1)) return null;
  const now = levelChange(m, i, week) as number;
  let first = -1;
  for (let j = Math.max(0, i - week); j <= i; j++) {
    if (m.alarmStart[j] === j) {
      first = j;
      break;
    }
  }
  const since =
    first === -1 ? "" : ` since ${clockWords(ctx.local[first] as number, ctx.local[i] as number)}`;
  return `New level ${levelWords(now)}${since}: the expected values follow it now`;
}

export type AnomalyOptions = Omit<ScanOptions, "sensitivity" | "direction">;

export function judgeAnomaly(
  rule: Pick<AlertRule, "sensitivity" | "direction">,
  ctx: SeriesContext,
  i: number,
  options: AnomalyOptions = SCAN_DEFAULTS,
): Judgement {
  const m = anomalyMemo(ctx, { ...options, sensitivity: rule.sensitivity, direction: rule.direction });
  fillMemo(m, ctx, i);
  const model = m.model[i];
  if (model === undefined || model.mode === "learning")
    return learning("still learning: fewer than 7 days of history");
  const h = m.threshold[i] as number;
  const e = model.expected;
  const variance = Math.max(e, 1e-9) + (m.phiBucket[i] as number) * e * e;
  const band = e > 0 ? countBand(e, variance, zFromLogTail(-h)) : { low: 0, high: 0 };
  const low = m.low[i] as SideScan;
  const high = m.high[i] as SideScan;
  const lowBreach = m.lowReported[i] === 1;
  const highBreach = m.highReported[i] === 1;
  const worst =
    lowBreach && !highBreach ? low : highBreach && !lowBreach ? high : low.score >= high.score ? low : high;
  const breach = lowBreach || highBreach;
  const alarm = m.alarm[i] === 1;
  const basis =
    model.mode === "weekly" ? "the same time in past weeks" : "the same time over the last 7 days";
  const y = ctx.values[i] as number;
  let reason = `${y} is as expected (about ${Math.round(e * 10) / 10} from ${basis})`;
  if (breach) {
    const first = i - worst.buckets + 1;
    reason = windowSentence({
      observed: worst.observed,
      expected: worst.expected,
      spanMs: worst.buckets * ctx.stepMs,
      fromLocal: ctx.local[first] as number,
      toLocal: (ctx.local[i] as number) + ctx.stepMs,
    });
  } else if (alarm) {
    reason = `${y} is still ${worst === low ? "below" : "above"} the usual level (about ${Math.round(e * 10) / 10})`;
  } else {
    const note = newLevel(m, ctx, i);
    if (note !== null) reason = note;
  }
  return {
    expected: e,
    low: band.low,
    high: band.high,
    breach,
    recovered: !alarm && !breach,
    learning: false,
    reason,
  };
}

const SENSITIVITIES: readonly Sensitivity[] = ["low", "medium", "high"];
const DIRECTIONS: readonly Direction[] = ["both", "low", "high"];

export const anomaly: Detector = {
  form: "anomaly [sensitivity=low|medium|high] [direction=both|low|high] per I",
  optionKeys: ["sensitivity", "direction"],
  parseHead: () => ({ used: 0, text: "" }),
  parseOption(words: readonly string[], i: number, d: Draft): WordsRead | null {
    const word = words[i] as string;
    const lower = word.toLowerCase();
    const eq = lower.indexOf("=");
    const key = lower.slice(0, Math.max(0, eq));
    const val = lower.slice(eq + 1);
    if (key === "sensitivity") d.sensitivity = oneOf(val, SENSITIVITIES, key);
    else if (key === "direction") d.direction = oneOf(val, DIRECTIONS, key);
    else return null;
    return { used: 1, text: word };
  },
  // Up to 8 weeks of the same hour, and a day for the level and the longest window.
  historyMs: () => SEASONAL.maxWeeks * WEEK + DAY,
  fromFirstUsage: true,
  learnsFrom: `learns from ${SEASONAL.minWeeks}+ weeks`,
  judge: (rule, ctx, i) => judgeAnomaly(rule, ctx, i),
  describe(rule, per) {
    const side = { both: "abnormally high or low", low: "abnormally low", high: "abnormally high" }[
      rule.direction
    ];
    return `usage ${per} is ${side} (${rule.sensitivity} sensitivity)`;
  },
  expectation: { kind: "band", reference: false, fixedLine: false },
};
