/**
 * Every rule kind, once. The parser, evaluation, history plan, descriptions, message words and chart
 * look a kind up here (detector.ts says what a record holds). A new kind: its file, and one line.
 */
import { anomaly } from "./anomaly.ts";
import { drop, rise } from "./change.ts";
import type { Detector } from "./detector.ts";
import { above, below } from "./threshold.ts";

export const DETECTORS = {
  below,
  above,
  drop,
  rise,
  anomaly,
} as const satisfies Record<string, Detector>;

export type RuleKind = keyof typeof DETECTORS;

export const RULE_KINDS = Object.keys(DETECTORS) as RuleKind[];

export function detectorOf(kind: RuleKind): Detector {
  return DETECTORS[kind];
}

export function isRuleKind(word: string): word is RuleKind {
  return Object.hasOwn(DETECTORS, word);
}
