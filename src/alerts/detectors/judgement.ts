import type { Evaluation } from "../evaluation.ts";

/** A detector's verdict on one bucket; evaluate.ts adds the bucket's time, value and active flag. */
export type Judgement = Pick<
  Evaluation,
  "expected" | "low" | "high" | "breach" | "recovered" | "learning" | "reason"
>;

export function learning(reason: string, expected: number | null = null): Judgement {
  return { expected, low: null, high: null, breach: false, recovered: false, learning: true, reason };
}
