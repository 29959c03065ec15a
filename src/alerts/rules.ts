/**
 * `below 5 per 1h for 3 hours=10:00-21:00 days=mon-sat offer_type=birthday` → an AlertRule plus
 * the words that belong to the query (`offer_type=birthday`), because in Slack one line mixes both.
 */
import { InputError } from "../util/errors.ts";
import type { Draft } from "./detectors/detector.ts";
import { DETECTORS, isRuleKind, RULE_KINDS } from "./detectors/registry.ts";
import { headNumber } from "./detectors/words.ts";
import { type AlertRule, RULE_DEFAULTS } from "./rule.ts";
import { parseDays, parseDuration, parseHours, parseInterval } from "./rule-options.ts";

export const RULE_FORMS = RULE_KINDS.map((k) => DETECTORS[k].form);

const OPTIONS_HELP = "options: for K, hours=10:00-21:00, days=mon-sat, cooldown=4h, renotify=24h";

function formsHelp(): string {
  return `An alert rule is one of: ${RULE_FORMS.map((f) => `"${f}"`).join(", ")}; ${OPTIONS_HELP}.`;
}

/** The kind whose own option `key` is, when it is not `kind`'s. */
function ownerOf(key: string): string | undefined {
  return RULE_KINDS.find((k) => DETECTORS[k].optionKeys.includes(key));
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
  const first = words[0]?.toLowerCase();
  if (first === undefined || !isRuleKind(first)) {
    throw new InputError(`"${words[0] ?? ""}" does not start an alert rule. ${formsHelp()}`, words[0]);
  }
  const kind = first;
  const detector = DETECTORS[kind];
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
  const head = detector.parseHead(words, d);
  if (head.used > 0) used.push(head.text);
  let i = 1 + head.used;
  const rest: string[] = [];
  for (; i < words.length; i++) {
    const word = words[i] as string;
    const lower = word.toLowerCase();
    const eq = lower.indexOf("=");
    const key = eq === -1 ? lower : lower.slice(0, eq);
    const val = eq === -1 ? "" : lower.slice(eq + 1);
    const own = detector.parseOption(words, i, d);
    if (own !== null) {
      used.push(own.text);
      i += own.used - 1;
    } else if (lower === "per" || key === "per") {
      d.interval = parseInterval(eq === -1 ? words[++i] : val);
      used.push(`per ${d.interval}`);
    } else if (lower === "for" || key === "for") {
      const n = headNumber(eq === -1 ? words[++i] : val, "for", 1);
      if (/^buckets?$/i.test(words[i + 1] ?? "")) i++;
      d.for = n;
      used.push(`for ${n}`);
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
    } else if (eq !== -1 && ownerOf(key) !== undefined) {
      throw new InputError(`"${word}" only applies to "${ownerOf(key)}" rules, not to "${kind}".`, word);
    } else {
      rest.push(word);
    }
  }
  d.text = used.join(" ");
  return { rule: d, rest };
}
