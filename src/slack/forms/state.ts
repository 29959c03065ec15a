/**
 * The "New digest" / "New alert" / "Edit" forms as data: what the person picked (FormState), read
 * from a modal's `state.values`, turned into the command line a person would type. The form never
 * saves anything itself: its line goes through `parseCommand` and the same verbs as typed words
 * (ARCHITECTURE.md, "Forms"), so a form-made subscription is the typed one. Pure.
 */
import { FORM_BLOCKS as B, type FormKind, fromOptionValue } from "../../../templates/forms.ts";
import { tokenize } from "../../placewise/words.ts";
import { whenFromWord } from "../../report/conditions.ts";
import type { AlertRuleRecord } from "../../store/alerts.ts";
import type { Subscription } from "../../store/subscriptions.ts";

export type ScheduleKind = "daily" | "weekdays" | "weekly" | "monthly" | "cron";

export interface FormState {
  readonly kind: FormKind;
  readonly schedule: ScheduleKind;
  readonly time: string;
  readonly weekday: string;
  readonly monthday: string;
  readonly cron: string;
  readonly tz: string;
  readonly range: string;
  /** "" lets the bot pick the interval from the range. */
  readonly interval: string;
  readonly types: readonly string[];
  /** "" for no breakdown. */
  readonly by: string;
  /** `all`, "" for the configured club, or an edited subscription's club ids (the select offers them). */
  readonly clubs: string;
  /** Any other query words, as typed (`member_gender=female store_id=12`). */
  readonly extra: string;
  readonly when: "always" | "nonzero" | "changed";
  /** Percentage for `when=changed`; "" means the default (10). */
  readonly change: string;
  readonly csv: boolean;
  readonly rule: string;
  /** N of `below N` / `above N`, X of `drop X%` / `rise X%`; unused for anomaly. */
  readonly threshold: string;
  readonly per: string;
  /** From Home the person picks the channel; from a channel it is fixed (private_metadata). */
  readonly channel: string;
}

export function defaultState(kind: FormKind, timezone: string): FormState {
  return {
    kind,
    schedule: "daily",
    time: "08:00",
    weekday: "mon",
    monthday: "1",
    cron: "0 8 * * 1-5",
    tz: timezone,
    range: kind === "digest" ? "last 24h" : "",
    interval: kind === "digest" ? "1h" : "",
    types: [],
    by: "",
    clubs: "",
    extra: "",
    when: "always",
    change: "",
    csv: false,
    rule: "below",
    threshold: "5",
    per: "1h",
    channel: "",
  };
}

/** Slack's `view.state.values`: block id → action id → the element's value. */
export type StateValues = Record<string, Record<string, unknown>>;

interface ElementValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
  selected_conversation?: string | null;
}

function element(values: StateValues, block: string): ElementValue | undefined {
  const actions = values[block];
  if (actions === undefined || typeof actions !== "object") return undefined;
  const first = Object.values(actions)[0];
  return typeof first === "object" && first !== null ? (first as ElementValue) : undefined;
}

/** Text of an input or the value of a select; `fallback` when the block is not in the view. */
function read(values: StateValues, block: string, fallback: string): string {
  const e = element(values, block);
  if (e === undefined) return fallback;
  if (e.selected_option !== undefined) return fromOptionValue(e.selected_option?.value ?? "");
  if (e.selected_conversation !== undefined) return e.selected_conversation ?? "";
  return typeof e.value === "string" ? e.value.trim() : "";
}

function readMany(values: StateValues, block: string, fallback: readonly string[]): string[] {
  const e = element(values, block);
  if (e === undefined) return [...fallback];
  return (e.selected_options ?? []).map((o) => o.value ?? "").filter((v) => v !== "");
}

/**
 * What the person sees in the modal now. Blocks not in the view (a weekday while "daily" is picked)
 * keep their earlier value from `previous`, so switching back and forth loses nothing.
 */
export function readState(values: StateValues, previous: FormState): FormState {
  const pick = <T extends string>(block: string, fallback: T): T => read(values, block, fallback) as T;
  return {
    kind: previous.kind,
    schedule: pick(B.schedule, previous.schedule),
    time: pick(B.time, previous.time),
    weekday: pick(B.weekday, previous.weekday),
    monthday: pick(B.monthday, previous.monthday),
    cron: pick(B.cron, previous.cron),
    tz: pick(B.tz, previous.tz),
    range: pick(B.range, previous.range),
    interval: pick(B.interval, previous.interval),
    types: readMany(values, B.types, previous.types),
    by: pick(B.by, previous.by),
    clubs: pick(B.clubs, previous.clubs),
    extra: pick(B.extra, previous.extra),
    when: pick(B.when, previous.when),
    change: pick(B.change, previous.change),
    csv: element(values, B.csv) === undefined ? previous.csv : readMany(values, B.csv, []).includes("csv"),
    rule: pick(B.rule, previous.rule),
    threshold: pick(B.threshold, previous.threshold),
    per: pick(B.per, previous.per),
    channel: pick(B.channel, previous.channel),
  };
}

/** The schedule's words, as `/offers subscribe` takes them. */
function scheduleWords(s: FormState): string[] {
  switch (s.schedule) {
    case "daily":
    case "weekdays":
      return [s.schedule, s.time];
    case "weekly":
      return ["weekly", s.weekday, s.time];
    case "monthly":
      return ["monthly", s.monthday, s.time];
    case "cron":
      return ["cron", `"${s.cron.replaceAll('"', "")}"`];
  }
}

/** The rule's words, as `/offers alert` takes them. */
function ruleWords(s: FormState): string[] {
  if (s.rule === "anomaly") return ["anomaly", "per", s.per];
  if (s.rule === "drop" || s.rule === "rise")
    return [s.rule, `${s.threshold.replace(/%$/, "")}%`, "per", s.per];
  return [s.rule, s.threshold, "per", s.per];
}

/** Each field's words, in command-line order; empty fields give none. Keyed by block id. */
export function fieldWords(s: FormState, defaultTimezone: string): [string, string[]][] {
  const out: [string, string[]][] = [];
  if (s.kind === "digest") {
    const sched = scheduleWords(s);
    if (s.schedule === "cron") out.push([B.cron, sched]);
    else {
      out.push([B.schedule, [sched[0] as string]]);
      if (s.schedule === "weekly") out.push([B.weekday, [s.weekday]]);
      if (s.schedule === "monthly") out.push([B.monthday, [s.monthday]]);
      out.push([B.time, [s.time]]);
    }
    out.push([B.range, s.range === "" ? [] : s.range.split(/\s+/)]);
    if (s.interval !== "") out.push([B.interval, [`interval=${s.interval}`]]);
  } else {
    const rule = ruleWords(s);
    out.push([B.rule, [rule[0] as string]]);
    if (s.rule !== "anomaly") out.push([B.threshold, [rule[1] as string]]);
    out.push([B.per, rule.slice(-2)]);
  }
  if (s.by !== "") out.push([B.by, [`by=${s.by}`]]);
  if (s.types.length > 0) out.push([B.types, [`offer_type=${s.types.join(",")}`]]);
  const clubs = s.clubs.replace(/\s+/g, "");
  if (clubs !== "") out.push([B.clubs, [`club=${clubs}`]]);
  if (s.extra !== "") out.push([B.extra, tokenize(s.extra)]);
  // The zone is said only when it is not the default, as a person typing the line would.
  if (s.tz !== "" && s.tz !== defaultTimezone) out.push([B.tz, [`tz=${s.tz}`]]);
  if (s.kind === "digest") {
    if (s.when === "nonzero") out.push([B.when, ["when=nonzero"]]);
    if (s.when === "changed") {
      const n = s.change.replace(/%$/, "").trim();
      out.push([s.change === "" ? B.when : B.change, [n === "" ? "when=changed" : `when=changed:${n}`]]);
    }
    if (s.csv) out.push([B.csv, ["csv=yes"]]);
  }
  return out;
}

/** The line a person would type for this form: `subscribe daily 08:00 last 24h interval=1h`. */
export function commandText(s: FormState, defaultTimezone: string): string {
  const verb = s.kind === "digest" ? "subscribe" : "alert";
  return [verb, ...fieldWords(s, defaultTimezone).flatMap(([, w]) => w)].join(" ");
}

const FRIENDLY =
  /^(daily|weekdays)\s+(\d{1,2}:\d{2})$|^weekly\s+(\S+)\s+(\d{1,2}:\d{2})$|^monthly\s+(\S+)\s+(\d{1,2}:\d{2})$/i;
const KNOWN_RANGES = ["today", "yesterday", "this week", "last week", "this month", "last month"];

/**
 * The Edit form of a saved subscription: its schedule as typed (other forms than the form's own,
 * like `hourly`, open as cron), its query words in their fields, and what no field holds in "More words".
 */
export function stateFromSubscription(sub: Subscription, defaultTimezone: string): FormState {
  const base = defaultState("digest", defaultTimezone);
  const m = FRIENDLY.exec(sub.scheduleText.trim());
  let schedule: Partial<FormState> = { schedule: "cron", cron: sub.cron };
  if (m?.[1] !== undefined) schedule = { schedule: m[1].toLowerCase() as ScheduleKind, time: m[2] as string };
  else if (m?.[3] !== undefined)
    schedule = { schedule: "weekly", weekday: m[3].toLowerCase(), time: m[4] as string };
  else if (m?.[5] !== undefined)
    schedule = { schedule: "monthly", monthday: m[5].toLowerCase(), time: m[6] as string };

  const words = tokenize(sub.query);
  const rangeWords: string[] = [];
  const extra: string[] = [];
  let interval = "";
  let by = "";
  let types: string[] = [];
  let clubs = "";
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq === -1) {
      rangeWords.push(w);
      continue;
    }
    const key = w.slice(0, eq).toLowerCase();
    const value = w.slice(eq + 1);
    if (key === "interval") interval = value;
    else if (key === "by") by = value;
    else if (key === "offer_type" || key === "type") types = value.split(",").filter(Boolean);
    // A club list too long for a select option (150 characters) stays in "More words".
    else if (key === "club") {
      if (value.length <= 150) clubs = value;
      else extra.push(w);
    } else if (key !== "tz") extra.push(w);
  }
  const range = rangeWords.join(" ");
  const when = whenFromWord(sub.deliverWhen);
  return {
    ...base,
    ...schedule,
    tz: sub.timezone,
    // A range the select does not list ("from 2025-08-01 to …", "last 3d") stays in "More words".
    range: isListedRange(range) ? range : "",
    extra: [...(isListedRange(range) ? [] : rangeWords), ...extra].join(" "),
    interval,
    by,
    types,
    clubs,
    when: when.kind,
    change: when.kind === "changed" ? String(when.percent) : "",
    csv: sub.attachCsv,
  };
}

function isListedRange(range: string): boolean {
  return KNOWN_RANGES.includes(range) || /^last (24h|7d|30d)$/.test(range);
}

const PER_WORD = /^per(=.+)?$/i;

/**
 * The Edit form of a saved alert rule: its condition, threshold and bucket size in their fields,
 * offer types and clubs in theirs, the zone; every other rule word (`for 3`, `hours=…`, `cooldown=…`)
 * and query word (`by=…`, `member_gender=…`) in "More words", so the form's line re-creates the rule.
 */
export function stateFromAlertRule(rule: AlertRuleRecord, defaultTimezone: string): FormState {
  const base = defaultState("alert", defaultTimezone);
  const words = tokenize(rule.ruleText);
  const kind = (words[0] ?? "").toLowerCase();
  const hasThreshold = kind === "below" || kind === "above" || kind === "drop" || kind === "rise";
  let threshold = base.threshold;
  let rest = words.slice(1);
  if (hasThreshold && rest[0] !== undefined) {
    threshold = rest[0].replace(/%$/, "");
    rest = rest.slice(1);
  }
  let per = base.per;
  const ruleExtra: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as string;
    if (PER_WORD.test(w)) {
      const eq = w.indexOf("=");
      per = eq === -1 ? (rest[++i] ?? per) : w.slice(eq + 1);
    } else ruleExtra.push(w);
  }
  let types: string[] = [];
  let clubs = "";
  const queryExtra: string[] = [];
  for (const w of tokenize(rule.query)) {
    const eq = w.indexOf("=");
    const key = eq === -1 ? "" : w.slice(0, eq).toLowerCase();
    const value = w.slice(eq + 1);
    if ((key === "offer_type" || key === "type") && types.length === 0)
      types = value.split(",").filter(Boolean);
    else if (key === "club" && clubs === "" && value.length <= 150) clubs = value;
    else if (key !== "tz") queryExtra.push(w);
  }
  return {
    ...base,
    // A kind the form does not list would show no condition; the typed words still hold it.
    rule: hasThreshold || kind === "anomaly" ? kind : base.rule,
    threshold,
    per,
    types,
    clubs,
    extra: [...ruleExtra, ...queryExtra].join(" "),
    tz: rule.timezone,
  };
}
