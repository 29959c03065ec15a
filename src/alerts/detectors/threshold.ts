/** `below N` and `above N`: a fixed count per bucket. */
import type { AlertRule } from "../rule.ts";
import type { Judgement } from "./judgement.ts";

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
