/**
 * `below 5 per 1h for 3 hours=10:00-21:00 days=mon-sat offer_type=birthday` → an AlertRule plus
 * the words that belong to the query (`offer_type=birthday`), because in Slack one line mixes both.
 */
import { InputError } from "../util/errors.ts";
import {
  type AlertRule,
  type Direction,
  RULE_DEFAULTS,
  type RuleKind,
  type Sensitivity,
  type Versus,
} from "./rule.ts";
import { parseDays, parseDuration, parseHours, parseInterval } from "./rule-options.ts";

export const RULE_FORMS = [
  "below N per I",
  "above N per I",
  "drop X% [vs previous|vs last week] per I",
  "rise X% [vs previous|vs last week] per I",
  "anomaly [sensitivity=low|medium|high] [direction=both|low|high] per I",
] as const;

const OPTIONS_HELP = "options: for K, hours=10:00-21:00, days=mon-sat, cooldown=4h, renotify=24h";

function formsHelp(): string {
  return `An alert rule is one of: ${RULE_FORMS.map((f) => `"${f}"`).join(", ")}; ${OPTIONS_HELP}.`;
}

const KINDS: readonly RuleKind[] = ["below", "above", "drop", "rise", "anomaly"];
const SENSITIVITIES: readonly Sensitivity[] = ["low", "medium", "high"];
const DIRECTIONS: readonly Direction[] = ["both", "low", "high"];

function oneOf<T extends string>(value: string, allowed: readonly T[], key: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`"${key}=${value}" is not valid: ${key} must be one of ${allowed.join(", ")}.`, value);
}

function count(word: string | undefined, what: string, min: number): number {
  const n = word === undefined ? Number.NaN : Number(word.replace(/%$/, ""));
  if (!Number.isFinite(n) || n < min || (what === "for" && !Number.isInteger(n))) {
    const example = what === "for" ? "for 3" : what === "percent" ? "drop 40%" : `${what} 5`;
    const need = min > 0 ? `a number of at least ${min}` : "a number of 0 or more";
    throw new InputError(`"${what} ${word ?? ""}" needs ${need}, for example "${example}".`, word);
  }
  return n;
}

type Draft = { -readonly [K in keyof AlertRule]: AlertRule[K] };

/** Reads `vs previous`, `vs last week`, `vs last_week`, `vs prev`; returns how many words it used. */
function parseVersus(words: readonly string[], i: number): { versus: Versus; used: number } {
  const a = words[i + 1]?.toLowerCase();
  const b = words[i + 2]?.toLowerCase();
  if (a === "previous" || a === "prev") return { versus: "previous", used: 2 };
  if (a === "last_week" || a === "lastweek") return { versus: "last_week", used: 2 };
  if (a === "last" && b === "week") return { versus: "last_week", used: 3 };
  throw new InputError(`"vs ${a ?? ""}" must be "vs previous" or "vs last week".`, a);
}

/**
 * Parses rule words; every word it does not know is handed back in `rest`, in order, for the query
 * parser (which rejects what it does not know either). Throws InputError naming the wrong word.
 */
export function parseRule(text: string): { rule: AlertRule; rest: string[] } {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  const kind = words[0]?.toLowerCase() as RuleKind | undefined;
  if (kind === undefined || !KINDS.includes(kind)) {
    throw new InputError(`"${words[0] ?? ""}" does not start an alert rule. ${formsHelp()}`, words[0]);
  }
  const d: Draft = {
    kind,
    value: null,
    percent: null,
    versus: null,
    sensitivity: RULE_DEFAULTS.sensitivity,
    direction: RULE_DEFAULTS.direction,
    interval: null,
    for: RULE_DEFAULTS.for,
    hours: null,
    days: null,
    cooldownMs: RULE_DEFAULTS.cooldownMs,
    renotifyMs: RULE_DEFAULTS.renotifyMs,
    text: "",
  };
  const used: string[] = [kind];
  let i = 1;
  if (kind === "below" || kind === "above") {
    d.value = count(words[1], kind, kind === "below" ? 1 : 0);
    used.push(String(d.value));
    i = 2;
  } else if (kind === "drop" || kind === "rise") {
    d.percent = count(words[1], "percent", 1);
    if (kind === "drop" && d.percent > 100) {
      throw new InputError(`"drop ${words[1]}": a count can drop by at most 100%.`, words[1]);
    }
    d.versus = RULE_DEFAULTS.versus;
    used.push(`${d.percent}%`);
    i = 2;
  }
  const rest: string[] = [];
  for (; i < words.length; i++) {
    const word = words[i] as string;
    const lower = word.toLowerCase();
    const eq = lower.indexOf("=");
    const key = eq === -1 ? lower : lower.slice(0, eq);
    const val = eq === -1 ? "" : lower.slice(eq + 1);
    if (lower === "per" || key === "per") {
      d.interval = parseInterval(eq === -1 ? words[++i] : val);
      used.push(`per ${d.interval}`);
    } else if (lower === "for" || key === "for") {
      const n = count(eq === -1 ? words[++i] : val, "for", 1);
      if (/^buckets?$/i.test(words[i + 1] ?? "")) i++;
      d.for = n;
      used.push(`for ${n}`);
    } else if (lower === "vs" && (kind === "drop" || kind === "rise")) {
      const v = parseVersus(words, i);
      d.versus = v.versus;
      i += v.used - 1;
      used.push(`vs ${v.versus === "previous" ? "previous" : "last week"}`);
    } else if (key === "vs" && (kind === "drop" || kind === "rise")) {
      d.versus = parseVersus(["vs", val], 0).versus;
      used.push(`vs ${d.versus === "previous" ? "previous" : "last week"}`);
    } else if (key === "sensitivity" && kind === "anomaly") {
      d.sensitivity = oneOf(val, SENSITIVITIES, key);
      used.push(word);
    } else if (key === "direction" && kind === "anomaly") {
      d.direction = oneOf(val, DIRECTIONS, key);
      used.push(word);
    } else if (key === "hours" && eq !== -1) {
      d.hours = parseHours(val);
      used.push(word);
    } else if (key === "days" && eq !== -1) {
      d.days = parseDays(val);
      used.push(word);
    } else if (key === "cooldown" && eq !== -1) {
      d.cooldownMs = parseDuration(val, key);
      used.push(word);
    } else if (key === "renotify" && eq !== -1) {
      d.renotifyMs = parseDuration(val, key);
      used.push(word);
    } else if ((key === "sensitivity" || key === "direction") && eq !== -1) {
      throw new InputError(`"${word}" only applies to "anomaly" rules, not to "${kind}".`, word);
    } else {
      rest.push(word);
    }
  }
  d.text = used.join(" ");
  return { rule: d, rest };
}
