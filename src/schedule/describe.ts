import { type CronFields, normalizeCron, parseCron } from "./cron.ts";
import { formatTime } from "./time.ts";

const DAY_WORDS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// Listing more run times than this reads worse than the cron itself.
const MAX_LISTED_TIMES = 6;

/**
 * A schedule in words, derived from the cron so a friendly form and the same cron typed by hand
 * read alike: "every weekday at 08:00 (Europe/Oslo)". Shapes without a plain phrase fall back
 * to the cron: "cron `*\/5 9-17 * * 1-5` (Europe/Oslo)".
 */
export function describeSchedule(cron: string, timezone: string): string {
  const f = parseCron(cron);
  const days = dayPhrase(f);
  const times = timePhrase(f);
  let words: string | undefined;
  if (days !== undefined && times !== undefined) {
    if (times.interval) words = days.every ? times.text : undefined;
    else words = `${days.text} at ${times.text}`;
  }
  if (words === undefined) return `cron \`${normalizeCron(cron)}\` (${timezone})`;
  return `${words} (${timezone})${days?.note ?? ""}`;
}

interface DayPhrase {
  readonly text: string;
  readonly every: boolean;
  readonly note?: string;
}

function dayPhrase(f: CronFields): DayPhrase | undefined {
  if (f.months.size !== 12) return undefined;
  const allDom = f.daysOfMonth.size === 31 && !f.domRestricted;
  const allDow = f.daysOfWeek.size === 7;
  if (allDom && allDow) return { text: "every day", every: true };
  if (allDom) {
    // Monday first, Sunday last, as a week reads in Norway: "Saturday and Sunday".
    const dows = [...f.daysOfWeek].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    if (dows.join() === "1,2,3,4,5") return { text: "every weekday", every: false };
    return { text: `every ${list(dows.map((d) => DAY_WORDS[d] ?? String(d)))}`, every: false };
  }
  if (!f.domRestricted) return undefined;
  const doms = [...f.daysOfMonth].sort((a, b) => a - b);
  const named = doms.map(String);
  if (f.lastDayOfMonth) named.push("the last day");
  const text =
    doms.length === 0
      ? "on the last day of every month"
      : `on ${doms.length === 1 && !f.lastDayOfMonth ? "day" : "days"} ${list(named)} of every month`;
  if (!allDow) {
    // Both day fields restricted: cron runs on either (Vixie), and the words say so.
    const dows = [...f.daysOfWeek].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    return { text: `${text} and every ${list(dows.map((d) => DAY_WORDS[d] ?? String(d)))}`, every: false };
  }
  const highest = doms[doms.length - 1] ?? 0;
  // Cron semantics: a day that a month lacks is skipped, not moved (`monthly last` is for that).
  const note = highest >= 29 ? `; months without a day ${highest} are skipped` : undefined;
  return note === undefined ? { text, every: false } : { text, every: false, note };
}

interface TimePhrase {
  readonly text: string;
  readonly interval: boolean;
}

function timePhrase(f: CronFields): TimePhrase | undefined {
  const step = (values: readonly number[], size: number): number | undefined => {
    const s = values.length > 1 ? (values[1] ?? 0) - (values[0] ?? 0) : size;
    const even = values.length === size / s && values.every((v, i) => v === i * s);
    return even ? s : undefined;
  };
  const minuteStep = step(f.minutes, 60);
  const hourStep = step(f.hours, 24);
  if (f.hours.length === 24 && minuteStep !== undefined && f.minutes.length > 1) {
    return { text: minuteStep === 1 ? "every minute" : `every ${minuteStep} minutes`, interval: true };
  }
  if (f.minutes.length === 1 && hourStep !== undefined && f.hours.length > 1) {
    const m = f.minutes[0] ?? 0;
    const every = hourStep === 1 ? "every hour" : `every ${hourStep} hours`;
    return {
      text: m === 0 ? `${every}, on the hour` : `${every} at :${formatTime(0, m).slice(3)}`,
      interval: true,
    };
  }
  if (f.minutes.length * f.hours.length > MAX_LISTED_TIMES) return undefined;
  const times = f.hours.flatMap((h) => f.minutes.map((m) => formatTime(h, m)));
  return { text: list(times), interval: false };
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
