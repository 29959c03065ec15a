/** `below N` and `above N`: a fixed count per bucket. */
import type { AlertRule } from "../rule.ts";
import type { SeriesContext } from "../series.ts";
import { type Detector, type Draft, NO_OPTIONS, type WordsRead } from "./detector.ts";
import type { Judgement } from "./judgement.ts";
import { headNumber } from "./words.ts";

/**
 * Recovery needs the count 10 % past the threshold (at least one usage), so a count that hovers
 * around the line ("below 5": 4, 5, 4, 5) does not resolve and re-fire every other bucket.
 */
export function recoveryMargin(threshold: number): number {
  return Math.max(1, 0.1 * threshold);
}

export function judgeThreshold(rule: AlertRule, value: number): Judgement {
  const n = rule.value ?? 0;
  const margin = recoveryMargin(n);
  if (rule.kind === "below") {
    return {
      expected: null,
      low: n,
      high: null,
      breach: value < n,
      recovered: value >= n + margin,
      learning: false,
      reason: value < n ? `${value} is below ${n}` : `${value} is not below ${n}`,
    };
  }
  return {
    expected: null,
    low: null,
    high: n,
    breach: value > n,
    recovered: value <= n - margin,
    learning: false,
    reason: value > n ? `${value} is above ${n}` : `${value} is not above ${n}`,
  };
}

function headCount(kind: "below" | "above") {
  return (words: readonly string[], d: Draft): WordsRead => {
    d.value = headNumber(words[1], kind, kind === "below" ? 1 : 0);
    return { used: 1, text: String(d.value) };
  };
}

const thresholdBase = {
  optionKeys: [],
  parseOption: NO_OPTIONS,
  historyMs: (_rule: AlertRule, bucketMs: number) => bucketMs,
  fromFirstUsage: false,
  learnsFrom: null,
  judge: (rule: AlertRule, ctx: SeriesContext, i: number) => judgeThreshold(rule, ctx.values[i] as number),
} as const;

export const below: Detector = {
  ...thresholdBase,
  form: "below N per I",
  parseHead: headCount("below"),
  describe: (rule, per) => `fewer than ${rule.value} usages ${per}`,
  expectation: { kind: "floor", reference: false, fixedLine: true },
};

export const above: Detector = {
  ...thresholdBase,
  form: "above N per I",
  parseHead: headCount("above"),
  describe: (rule, per) => `more than ${rule.value} usages ${per}`,
  expectation: { kind: "ceiling", reference: false, fixedLine: true },
};
