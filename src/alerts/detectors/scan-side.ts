/**
 * One side of the anomaly scan at one bucket (anomaly-memo.ts): every window ending there, judged
 * by its tail probability under the window's negative binomial.
 */
import type { AnomalyMemo } from "./anomaly-memo.ts";
import { logTailP } from "./count-tail.ts";
import { cumAt as at } from "./scan-windows.ts";
import { MIN_WINDOW_EXPECTED } from "./window-spread.ts";

/** The most extreme window of one side: its score (−log p) and length in buckets. */
export interface SideScan {
  readonly score: number;
  readonly buckets: number;
  readonly observed: number;
  readonly expected: number;
}

export const NONE: SideScan = { score: 0, buckets: 0, observed: 0, expected: 0 };

/** A side the rule does not watch. */
export const NO_SCAN = { best: NONE, anyScore: 0 } as const;

/**
 * The windows ending at j, starting no earlier than `from`, of up to maxBuckets: the most extreme
 * one that shows the smallest change worth an alert (ScanOptions.effectRatio), and the largest score
 * of any of them (`anyScore`), what the series' own tails and calm are judged by.
 */
export function scanSide(
  m: AnomalyMemo,
  j: number,
  from: number,
  upper: boolean,
  maxBuckets: number,
): { best: SideScan; anyScore: number } {
  let best = NONE;
  let anyScore = 0;
  const r = m.opts.effectRatio;
  const cum = upper ? m.cumCeiling : m.cumFloor;
  // The level's own error is shared by the whole window (anomaly-model.ts).
  const levelVar = m.model[j]?.levelVar ?? 0;
  for (let wi = 0; wi < m.windows.length; wi++) {
    const w = m.windows[wi] as number;
    const start = j - w + 1;
    if (w > maxBuckets || start < from || m.mode[start] === "learning") break;
    const expected = at(cum, j) - at(cum, start - 1);
    if (expected < MIN_WINDOW_EXPECTED) continue;
    const observed = at(m.cumValue, j) - at(m.cumValue, start - 1);
    // The estimate's upper margin (fillPhi), never below Poisson.
    const variance =
      Math.max(
        expected,
        (expected + (m.phiNow[wi] as number) * expected * expected) * (m.inflateNow[wi] as number),
      ) +
      levelVar * expected * expected;
    const score = -logTailP(observed, expected, variance, upper);
    anyScore = Math.max(anyScore, score);
    const big = upper ? observed * r >= expected : observed <= r * expected;
    if (big && score > best.score) best = { score, buckets: w, observed, expected };
  }
  return { best, anyScore };
}
