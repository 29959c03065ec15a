/** An AlertRule in words, for confirmations, `/offers list` and alert messages. */
import type { Interval } from "../placewise/fields.ts";
import { DETECTORS } from "./detectors/registry.ts";
import type { AlertRule } from "./rule.ts";

const PER: Record<Interval, string> = {
  "5m": "5 minutes",
  "1h": "hour",
  "1d": "day",
  "1w": "week",
  "1mo": "month",
};
const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** `[1..6]` → "Mon–Sat", `[1,3,5]` → "Mon, Wed, Fri". */
export function describeDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const consecutive = sorted.every((d, i) => i === 0 || d === (sorted[i - 1] as number) + 1);
  const name = (d: number) => DAY_NAMES[d - 1] as string;
  if (sorted.length === 7) return "every day";
  if (consecutive && sorted.length > 2)
    return `${name(sorted[0] as number)}–${name(sorted[sorted.length - 1] as number)}`;
  return sorted.map(name).join(", ");
}

function duration(ms: number): string {
  const h = ms / 3_600_000;
  if (h >= 24 && Number.isInteger(h / 24)) return `${h / 24} d`;
  if (h >= 1 && Number.isInteger(h)) return `${h} h`;
  return `${Math.round(ms / 60_000)} min`;
}

/** "fewer than 5 usages per hour for 1 bucket, 10:00–21:00 Mon–Sat" */
export function describeRule(rule: AlertRule): string {
  const per = rule.interval === null ? "per bucket" : `per ${PER[rule.interval]}`;
  const what = DETECTORS[rule.kind].describe(rule, per);
  const parts = [`${what} for ${rule.for} ${rule.for === 1 ? "bucket" : "buckets in a row"}`];
  const when: string[] = [];
  if (rule.hours !== null) when.push(`${clock(rule.hours.from)}–${clock(rule.hours.to)}`);
  if (rule.days !== null) when.push(describeDays(rule.days));
  if (when.length > 0) parts.push(when.join(" "));
  return parts.join(", ");
}

/** The quiet-time settings, for a details line: "cooldown 4 h, reminder every 24 h". */
export function describeTiming(rule: AlertRule): string {
  const reminder = rule.renotifyMs > 0 ? `reminder every ${duration(rule.renotifyMs)}` : "no reminders";
  return `cooldown ${duration(rule.cooldownMs)}, ${reminder}`;
}
