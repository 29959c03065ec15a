/**
 * Subscription delivery options, typed among the query words of `/offers subscribe`:
 *   when=nonzero       skip a digest with no usages
 *   when=changed       only when the total moved more than 10 % against the previous period
 *   when=changed:20    … more than 20 %
 *   when=always        every time (the default)
 *   csv=yes            attach the numbers as a CSV file to every digest (csv=no is the default)
 * They are taken out of the words before the query parser sees them (`splitOptionWords`), stored in
 * their own columns (store/migrations/0020_subscription_options.ts), and judged after the numbers are
 * known (`skipDecision`), so a skipped run costs the fetch but never a post. Pure.
 */
import { InputError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import type { Report } from "./types.ts";

/** "changed" with no number: a 10 % move, as most people read "it changed". Said in the reply. */
export const DEFAULT_CHANGE_PERCENT = 10;

export type WhenRule =
  | { readonly kind: "always" }
  | { readonly kind: "nonzero" }
  | { readonly kind: "changed"; readonly percent: number };

export interface SubscriptionOptions {
  readonly when: WhenRule;
  readonly csv: boolean;
}

export const DEFAULT_OPTIONS: SubscriptionOptions = { when: { kind: "always" }, csv: false };

const WHEN_CHOICES = ["always", "nonzero", "changed", "changed:N"];
const YES = ["yes", "true", "on", "1"];
const NO = ["no", "false", "off", "0"];

/** `nonzero`, `changed`, `changed:25`, `always` → a rule; anything else an InputError naming it. */
export function parseWhen(value: string): WhenRule {
  const v = value.trim().toLowerCase();
  if (v === "always") return { kind: "always" };
  if (v === "nonzero" || v === "non-zero") return { kind: "nonzero" };
  const m = /^changed(?::(.*))?$/.exec(v);
  if (m !== null) {
    if (m[1] === undefined) return { kind: "changed", percent: DEFAULT_CHANGE_PERCENT };
    const raw = m[1].replace(/%$/, "");
    const percent = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || percent <= 0 || percent > 1000) {
      throw new InputError(
        `\`when=changed:${m[1]}\` needs a percentage between 1 and 1000, like \`when=changed:20\` (more than 20 % up or down).`,
        `when=${value}`,
      );
    }
    return { kind: "changed", percent };
  }
  throw new InputError(
    `\`when=${value}\` is not a condition.${didYouMean(v, ["always", "nonzero", "changed"])} Use one of: ${WHEN_CHOICES.map((c) => `when=${c}`).join(", ")}.`,
    `when=${value}`,
  );
}

export function parseCsvFlag(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  throw new InputError(`\`csv=${value}\` must be \`csv=yes\` or \`csv=no\`.`, `csv=${value}`);
}

/** The rule as stored and as typed: null (always), `nonzero`, `changed:15`. */
export function whenToWord(rule: WhenRule): string | null {
  if (rule.kind === "always") return null;
  if (rule.kind === "nonzero") return "nonzero";
  return `changed:${rule.percent}`;
}

/** A stored rule back; a value that no longer parses (never written by us) counts as "always". */
export function whenFromWord(word: string | null): WhenRule {
  if (word === null || word === "") return { kind: "always" };
  try {
    return parseWhen(word);
  } catch {
    return { kind: "always" };
  }
}

/** The option words as a command line would carry them (`when=changed:10 csv=yes`), none for defaults. */
export function optionWords(o: SubscriptionOptions): string[] {
  const out: string[] = [];
  const when = whenToWord(o.when);
  if (when !== null) out.push(`when=${when}`);
  if (o.csv) out.push("csv=yes");
  return out;
}

/**
 * Takes `when=` and `csv=` out of the words; the rest goes to the query parser unchanged. Each may be
 * given once.
 */
export function splitOptionWords(words: readonly string[]): {
  query: string[];
  options: SubscriptionOptions;
} {
  const query: string[] = [];
  let when: WhenRule | undefined;
  let csv: boolean | undefined;
  for (const word of words) {
    const eq = word.indexOf("=");
    const key = eq === -1 ? "" : word.slice(0, eq).toLowerCase();
    const value = word.slice(eq + 1);
    if (key === "when") {
      if (when !== undefined) throw new InputError("`when=` is given twice: give one condition.", word);
      when = parseWhen(value);
    } else if (key === "csv") {
      if (csv !== undefined) throw new InputError("`csv=` is given twice: say `csv=yes` once.", word);
      csv = parseCsvFlag(value);
    } else query.push(word);
  }
  return { query, options: { when: when ?? DEFAULT_OPTIONS.when, csv: csv ?? DEFAULT_OPTIONS.csv } };
}

/** Why a run is not posted; the words for it are in templates/conditions.ts. */
export type SkipDecision =
  | { readonly skip: false }
  | { readonly skip: true; readonly code: "no_usages" }
  | {
      readonly skip: true;
      readonly code: "unchanged";
      /** The move against the previous period, in percent (signed); 0 when both were 0. */
      readonly percent: number;
      readonly threshold: number;
    };

/**
 * Whether a digest with these numbers is posted under `rule`. `changed` compares the total with the
 * same part of the previous period (the digest's own "Change" field); with nothing to compare with
 * (no previous period, or it had no usages while this one has some) the digest goes out: a change
 * that cannot be measured is not "unchanged".
 */
export function skipDecision(rule: WhenRule, report: Report): SkipDecision {
  if (rule.kind === "always") return { skip: false };
  if (rule.kind === "nonzero")
    return report.total === 0 ? { skip: true, code: "no_usages" } : { skip: false };
  const prev = report.previous;
  if (prev === null) return { skip: false };
  if (prev.comparedTotal === 0) {
    return report.total === 0
      ? { skip: true, code: "unchanged", percent: 0, threshold: rule.percent }
      : { skip: false };
  }
  const percent = ((report.total - prev.comparedTotal) / prev.comparedTotal) * 100;
  // "More than N %": a move of exactly N is not enough.
  if (Math.abs(percent) > rule.percent) return { skip: false };
  return { skip: true, code: "unchanged", percent, threshold: rule.percent };
}
