/** Whether a bucket lies inside a rule's active hours and days, in the rule's timezone. */
import type { AlertRule } from "./rule.ts";
import { DAY, localParts } from "./series.ts";

/**
 * `localMs` is the bucket start on the local wall clock. Hours are ignored for buckets of a day or
 * more (they all start at midnight); days still apply. A bucket counts when it starts inside the hours,
 * so `hours=10:00-21:00` judges the 10:00 through 20:00 hourly buckets.
 */
export function isActive(rule: Pick<AlertRule, "hours" | "days">, localMs: number, stepMs: number): boolean {
  const { weekday, minuteOfDay } = localParts(localMs);
  if (rule.days !== null && !rule.days.includes(weekday)) return false;
  if (rule.hours === null || stepMs >= DAY) return true;
  const { from, to } = rule.hours;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}
