/** `drop X%` and `rise X%` against the bucket before or the same local time a week before. */
import { InputError } from "../../util/errors.ts";
import { type AlertRule, RULE_DEFAULTS, type Versus } from "../rule.ts";
import { type SeriesContext, WEEK } from "../series.ts";
import type { Detector, Draft, WordsRead } from "./detector.ts";
import { type Judgement, learning } from "./judgement.ts";
import { headNumber } from "./words.ts";

/** Index of the reference bucket, or undefined when history does not reach back far enough. */
export function referenceIndex(
  ctx: SeriesContext,
  i: number,
  versus: AlertRule["versus"],
): number | undefined {
  if (versus === "last_week") return ctx.indexAtLocal((ctx.local[i] as number) - WEEK);
  return i > 0 ? i - 1 : undefined;
}

/**
 * Recovery needs the change back within 80 % of the limit ("drop 40%" recovers above -32 %), so a
 * value that wobbles around the limit does not resolve and re-fire.
 */
const RECOVERY_FRACTION = 0.8;

export function judgeChange(rule: AlertRule, ctx: SeriesContext, i: number): Judgement {
  const ref = referenceIndex(ctx, i, rule.versus);
  const what = rule.versus === "last_week" ? "the same time last week" : "the bucket before";
  if (ref === undefined) return learning(`no value for ${what} yet`);
  const value = ctx.values[i] as number;
  const base = ctx.values[ref] as number;
  const limit = (rule.percent ?? 0) / 100;
  const drop = rule.kind === "drop";
  const bound = drop ? base * (1 - limit) : base * (1 + limit);
  // From 0 nothing can drop, and any usage is an unbounded rise.
  const change = base === 0 ? (value === 0 ? 0 : Number.POSITIVE_INFINITY) : (value - base) / base;
  const breach = drop ? base > 0 && change <= -limit : change >= limit && value > 0;
  const recovered = drop ? change > -limit * RECOVERY_FRACTION : change < limit * RECOVERY_FRACTION;
  const pct = Number.isFinite(change) ? `${Math.round(change * 100)}%` : "up from 0";
  return {
    expected: base,
    low: drop ? bound : null,
    high: drop ? null : bound,
    breach,
    recovered,
    learning: false,
    reason: `${value} vs ${base} for ${what} (${pct})`,
  };
}

/** Reads `vs previous`, `vs last week`, `vs last_week`, `vs prev`; returns how many words it used. */
function parseVersus(words: readonly string[], i: number): { versus: Versus; used: number } {
  const a = words[i + 1]?.toLowerCase();
  const b = words[i + 2]?.toLowerCase();
  if (a === "previous" || a === "prev") return { versus: "previous", used: 2 };
  if (a === "last_week" || a === "lastweek") return { versus: "last_week", used: 2 };
  if (a === "last" && b === "week") return { versus: "last_week", used: 3 };
  throw new InputError(`"vs ${a ?? ""}" must be "vs previous" or "vs last week".`, a);
}

const versusText = (v: Versus) => `vs ${v === "previous" ? "previous" : "last week"}`;

function changeDetector(kind: "drop" | "rise"): Detector {
  return {
    form: `${kind} X% [vs previous|vs last week] per I`,
    optionKeys: ["vs"],
    parseHead(words: readonly string[], d: Draft): WordsRead {
      d.percent = headNumber(words[1], "percent", 1);
      if (kind === "drop" && d.percent > 100) {
        throw new InputError(`"drop ${words[1]}": a count can drop by at most 100%.`, words[1]);
      }
      d.versus = RULE_DEFAULTS.versus;
      return { used: 1, text: `${d.percent}%` };
    },
    parseOption(words: readonly string[], i: number, d: Draft): WordsRead | null {
      const lower = (words[i] as string).toLowerCase();
      if (lower === "vs") {
        const v = parseVersus(words, i);
        d.versus = v.versus;
        return { used: v.used, text: versusText(v.versus) };
      }
      if (lower.startsWith("vs=")) {
        d.versus = parseVersus(["vs", lower.slice(3)], 0).versus;
        return { used: 1, text: versusText(d.versus) };
      }
      return null;
    },
    historyMs: (rule, bucketMs) => (rule.versus === "last_week" ? WEEK + bucketMs : 2 * bucketMs),
    fromFirstUsage: false,
    learnsFrom: null,
    judge: judgeChange,
    describe(rule, per) {
      const vs = rule.versus === "last_week" ? "the same time last week" : "the bucket before";
      return `usage ${per} ${kind === "drop" ? "drops" : "rises"} ${rule.percent}% or more vs ${vs}`;
    },
    expectation: { kind: kind === "drop" ? "floor" : "ceiling", reference: true, fixedLine: false },
  };
}

export const drop: Detector = changeDetector("drop");
export const rise: Detector = changeDetector("rise");
