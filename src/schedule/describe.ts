import { DateTime } from "luxon";
import { EN, type Messages } from "../i18n/index.ts";
import { type CronFields, normalizeCron, parseCron } from "./cron.ts";

const DAY_KEYS = [
  "sched.day0",
  "sched.day1",
  "sched.day2",
  "sched.day3",
  "sched.day4",
  "sched.day5",
  "sched.day6",
] as const;
// Listing more run times than this reads worse than the cron itself.
const MAX_LISTED_TIMES = 6;

/**
 * A schedule in words, derived from the cron so a friendly form and the same cron typed by hand
 * read alike: "every weekday at 08:00 (Europe/Oslo)". Shapes without a plain phrase fall back
 * to the cron: "cron `*\/5 9-17 * * 1-5` (Europe/Oslo)".
 */
export function describeSchedule(cron: string, timezone: string, m: Messages = EN): string {
  const f = parseCron(cron);
  const days = dayPhrase(f, m);
  const times = timePhrase(f, m);
  let words: string | undefined;
  if (days !== undefined && times !== undefined) {
    if (times.interval) words = days.every ? times.text : undefined;
    else words = m.t("sched.at", { days: days.text, times: times.text });
  }
  // The cron itself is the same in every language.
  if (words === undefined) return `cron \`${normalizeCron(cron)}\` (${timezone})`;
  return `${words} (${timezone})${days?.note ?? ""}`;
}

/** A weekday (0 Sunday … 6 Saturday) in `m`'s language. */
function dayName(d: number, m: Messages): string {
  const key = DAY_KEYS[d];
  return key === undefined ? String(d) : m.t(key);
}

/** 08:00 in the language's clock ("08.00" in Finnish and Danish). */
function clockTime(hour: number, minute: number, m: Messages): string {
  return DateTime.fromObject({ hour, minute }, { zone: "UTC" }).toFormat(m.t("fmt.time"));
}

interface DayPhrase {
  readonly text: string;
  readonly every: boolean;
  readonly note?: string;
}

function dayPhrase(f: CronFields, m: Messages): DayPhrase | undefined {
  if (f.months.size !== 12) return undefined;
  const allDom = f.daysOfMonth.size === 31 && !f.domRestricted;
  const allDow = f.daysOfWeek.size === 7;
  if (allDom && allDow) return { text: m.t("sched.everyDay"), every: true };
  if (allDom) {
    // Monday first, Sunday last, as a week reads in Norway: "Saturday and Sunday".
    const dows = [...f.daysOfWeek].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    if (dows.join() === "1,2,3,4,5") return { text: m.t("sched.everyWeekday"), every: false };
    return {
      text: m.t("sched.everyDays", {
        days: list(
          dows.map((d) => dayName(d, m)),
          m,
        ),
      }),
      every: false,
    };
  }
  if (!f.domRestricted) return undefined;
  const doms = [...f.daysOfMonth].sort((a, b) => a - b);
  const named = doms.map((n) => m.t("sched.dayNumber", { n }));
  if (f.lastDayOfMonth) named.push(m.t("sched.theLastDay"));
  const text =
    doms.length === 0
      ? m.t("sched.lastDay")
      : m.t(doms.length === 1 && !f.lastDayOfMonth ? "sched.monthDay" : "sched.monthDays", {
          days: list(named, m),
        });
  if (!allDow) {
    // Both day fields restricted: cron runs on either (Vixie), and the words say so.
    const dows = [...f.daysOfWeek].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    return {
      text: m.t("sched.andEvery", {
        text,
        days: list(
          dows.map((d) => dayName(d, m)),
          m,
        ),
      }),
      every: false,
    };
  }
  const highest = doms[doms.length - 1] ?? 0;
  // Cron semantics: a day that a month lacks is skipped, not moved (`monthly last` is for that).
  const note = highest >= 29 ? m.t("sched.skippedNote", { n: highest }) : undefined;
  return note === undefined ? { text, every: false } : { text, every: false, note };
}

interface TimePhrase {
  readonly text: string;
  readonly interval: boolean;
}

function timePhrase(f: CronFields, m: Messages): TimePhrase | undefined {
  const step = (values: readonly number[], size: number): number | undefined => {
    const s = values.length > 1 ? (values[1] ?? 0) - (values[0] ?? 0) : size;
    const even = values.length === size / s && values.every((v, i) => v === i * s);
    return even ? s : undefined;
  };
  const minuteStep = step(f.minutes, 60);
  const hourStep = step(f.hours, 24);
  if (f.hours.length === 24 && minuteStep !== undefined && f.minutes.length > 1) {
    const text = minuteStep === 1 ? m.t("sched.everyMinute") : m.t("sched.everyMinutes", { n: minuteStep });
    return { text, interval: true };
  }
  if (f.minutes.length === 1 && hourStep !== undefined && f.hours.length > 1) {
    const minute = f.minutes[0] ?? 0;
    const every = hourStep === 1 ? m.t("sched.everyHour") : m.t("sched.everyHours", { n: hourStep });
    return {
      text:
        minute === 0
          ? m.t("sched.onTheHour", { every })
          : m.t("sched.atMinute", { every, mm: String(minute).padStart(2, "0") }),
      interval: true,
    };
  }
  if (f.minutes.length * f.hours.length > MAX_LISTED_TIMES) return undefined;
  const times = f.hours.flatMap((h) => f.minutes.map((minute) => clockTime(h, minute, m)));
  return { text: list(times, m), interval: false };
}

function list(items: readonly string[], m: Messages): string {
  if (items.length <= 1) return items.join("");
  return m.t("list.and", { a: items.slice(0, -1).join(", "), b: items[items.length - 1] as string });
}
