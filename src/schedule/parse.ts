import { type CronFields, normalizeCron, parseCron } from "./cron.ts";
import { describeSchedule } from "./describe.ts";
import { zoneNamed } from "./dst.ts";
import { ScheduleError } from "./errors.ts";
import { readForm } from "./forms.ts";
import { spacing } from "./gap.ts";
import type { Schedule } from "./types.ts";
import { splitWords } from "./words.ts";

export interface ParseScheduleOptions {
  /** IANA zone the schedule is read in (from `tz=` or DEFAULT_TIMEZONE). */
  readonly timezone: string;
  /** MIN_SCHEDULE_MINUTES: the shortest allowed wall-clock gap between two runs. */
  readonly minMinutes: number;
}

/**
 * A schedule as typed (`weekdays 08:00`, `every 15m`, `cron "*\/5 * * * *"`, case-insensitive),
 * compiled to cron and checked: valid fields, runs at all, and never closer than `minMinutes`.
 * Throws ScheduleError (an InputError) naming the wrong word and the right form.
 */
export function parseSchedule(text: string, opts: ParseScheduleOptions): Schedule {
  const words = splitWords(text);
  const form = readForm(words);
  const extra = words[form.consumed];
  if (extra !== undefined) {
    throw new ScheduleError(
      "bad_form",
      `unexpected \`${extra}\` after the schedule \`${form.text}\`; the schedule ends there`,
      extra,
    );
  }
  zoneNamed(opts.timezone);
  const fields = parseCron(form.cron);
  const gaps = spacing(fields);
  if (gaps.runDays === 0) {
    throw new ScheduleError(
      "never_runs",
      `schedule \`${form.text}\` never runs: ${missingDate(fields)}; pick a date that exists, e.g. day 28 for February`,
      form.text,
    );
  }
  if (gaps.shortestMinutes < opts.minMinutes) {
    const gap = minutes(gaps.shortestMinutes);
    const how = !gaps.even
      ? `has runs only ${gap} apart`
      : gaps.shortestMinutes === 1
        ? "runs every minute"
        : `runs every ${gap}`;
    throw new ScheduleError(
      "too_frequent",
      `schedule \`${form.text}\` ${how}; the shortest allowed is ${minutes(opts.minMinutes)}`,
      form.text,
    );
  }
  return {
    cron: normalizeCron(form.cron),
    timezone: opts.timezone,
    text: form.text,
    description: describeSchedule(form.cron, opts.timezone),
  };
}

/**
 * Takes the schedule form from the front of the words after `/offers subscribe` and returns the
 * rest (the query words): `["daily", "08:00", "last", "24h"]` → text `daily 08:00`, rest
 * `["last", "24h"]`. Only reads the form; parseSchedule(text) validates it.
 */
export function consumeSchedule(words: readonly string[]): { text: string; rest: string[] } {
  const form = readForm(words);
  return { text: form.text, rest: words.slice(form.consumed) };
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function missingDate(f: CronFields): string {
  const months = [...f.months].sort((a, b) => a - b).map((m) => MONTHS[m - 1]);
  const days = [...f.daysOfMonth].sort((a, b) => a - b);
  return `${months.join(", ")} ${months.length === 1 ? "has" : "have"} no day ${days.join(", ")}`;
}

function minutes(n: number): string {
  return `${n} minute${n === 1 ? "" : "s"}`;
}
