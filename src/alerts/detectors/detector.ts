/**
 * What a rule kind is, in one record: the words it reads, the history it needs, how it judges a
 * bucket, how it reads for people and what its chart draws. The records are listed once, in
 * registry.ts; the parser, the evaluation, the history plan, the descriptions, the message words and
 * the chart all ask the record instead of branching on the kind. A new kind is one file and one line.
 */
import type { AlertRule } from "../rule.ts";
import type { SeriesContext } from "../series.ts";
import type { Judgement } from "./judgement.ts";

/** A rule while its words are read. */
export type Draft = { -readonly [K in keyof AlertRule]: AlertRule[K] };

/** Words a detector read: how many, and their normalised form for the rule's text. */
export interface WordsRead {
  readonly used: number;
  readonly text: string;
}

/**
 * What the rule expects of a bucket, for the message words and the chart: a floor (`below`, `drop`),
 * a ceiling (`above`, `rise`) or a band around an expected value (`anomaly`). `reference`: the
 * expected value is the bucket compared with ("40 before").
 */
export interface ExpectationShape {
  readonly kind: "floor" | "ceiling" | "band";
  readonly reference: boolean;
  /** Draw the rule's own number as a fixed line (a threshold) instead of the per-bucket band. */
  readonly fixedLine: boolean;
}

export interface Detector {
  /** Its form for help texts: "below N per I". */
  readonly form: string;
  /** `key=` options only this kind takes (an error names the kind when another rule uses them). */
  readonly optionKeys: readonly string[];
  /** Reads the words right after the kind word ("5" of "below 5"); returns what it used. */
  parseHead(words: readonly string[], d: Draft): WordsRead;
  /** Reads a kind-specific option at words[i], or returns null when the word is not its. */
  parseOption(words: readonly string[], i: number, d: Draft): WordsRead | null;
  /** History one verdict reads before its bucket, in ms. */
  historyMs(rule: AlertRule, bucketMs: number): number;
  /** Judge from the first usage on (leading zeros are "not launched yet", not a baseline). */
  readonly fromFirstUsage: boolean;
  /** Why it wants long history, for the note when a coarser interval is used: "learns from 3+ weeks". */
  readonly learnsFrom: string | null;
  /** The verdict on bucket i from rows 0..i only. */
  judge(rule: AlertRule, ctx: SeriesContext, i: number): Judgement;
  /** "fewer than 5 usages per hour": the condition, with `per` ("per hour") already in words. */
  describe(rule: AlertRule, per: string): string;
  readonly expectation: ExpectationShape;
}

export const NO_OPTIONS = (): null => null;
