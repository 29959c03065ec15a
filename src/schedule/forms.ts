import { ScheduleError } from "./errors.ts";
import { parseTimeOfDay } from "./time.ts";

/** A friendly form read from the front of a word list, compiled to cron. */
export interface ReadForm {
  readonly cron: string;
  /** The words it took, as typed (a cron re-quoted), so the text can be parsed again. */
  readonly text: string;
  readonly consumed: number;
}

export const FORMS_HINT =
  'a schedule is one of: `daily 08:00`, `weekdays 08:00`, `weekends 10:00`, `weekly mon,thu 09:00`, `monthly 1 09:00`, `monthly last 09:00`, `hourly`, `hourly :15`, `every 15m`, `every 2h`, `cron "*/5 * * * *"`';

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const FULL_DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MINUTE_UNITS = new Set(["m", "min", "mins", "minute", "minutes"]);
const HOUR_UNITS = new Set(["h", "hr", "hrs", "hour", "hours"]);
// Steps that divide the hour (day) evenly: `*/7` would run :56 then :00, 4 minutes apart.
const MINUTE_STEPS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12];
const QUOTES = /^["'“”„«»‘’`]|["'“”„«»‘’`]$/g;

/** Reads one schedule form from the front of `words`; throws ScheduleError naming what is wrong. */
export function readForm(words: readonly string[]): ReadForm {
  const head = words[0];
  if (head === undefined) throw new ScheduleError("bad_form", `the schedule is missing; ${FORMS_HINT}`);
  const kind = head.toLowerCase();
  switch (kind) {
    case "daily":
    case "weekdays":
    case "weekday":
    case "weekends":
    case "weekend": {
      const days = kind.startsWith("daily") ? "*" : kind.startsWith("weekday") ? "1-5" : "0,6";
      return atTime(words, 1, (h, m) => `${m} ${h} * * ${days}`);
    }
    case "weekly": {
      const days = weekdays(words[1], head);
      return atTime(words, 2, (h, m) => `${m} ${h} * * ${days}`);
    }
    case "monthly": {
      const day = dayOfMonth(words[1], head);
      return atTime(words, 2, (h, m) => `${m} ${h} ${day} * *`);
    }
    case "hourly": {
      const at = words[1];
      if (at !== undefined && /^:\d+$/.test(at)) {
        const minute = Number(at.slice(1));
        if (at.length !== 3 || minute > 59) {
          throw new ScheduleError(
            "bad_time",
            `\`hourly ${at}\`: the minute must be :00 to :59, e.g. \`hourly :15\``,
            at,
          );
        }
        return { cron: `${minute} * * * *`, text: `${head} ${at}`, consumed: 2 };
      }
      return { cron: "0 * * * *", text: head, consumed: 1 };
    }
    case "every":
      return every(words);
    case "cron":
      return cron(words);
    default:
      throw new ScheduleError("bad_form", `\`${head}\` does not start a schedule; ${FORMS_HINT}`, head);
  }
}

function atTime(
  words: readonly string[],
  formEnd: number,
  build: (hour: number, minute: number) => string,
): ReadForm {
  // `daily at 08:00` reads naturally; the `at` is optional.
  const at = words[formEnd]?.toLowerCase() === "at" ? formEnd + 1 : formEnd;
  const first = words[at];
  // A word starting with a digit is meant as the time; parseTimeOfDay says what is wrong with it.
  if (first === undefined || !/^\d/.test(first)) {
    throw new ScheduleError(
      "bad_form",
      `\`${words.slice(0, formEnd).join(" ")}\` needs a time of day next, e.g. \`${words.slice(0, formEnd).join(" ")} 08:00\` or \`8am\``,
      first,
    );
  }
  // `8:30 pm` typed with a space.
  const half = words[at + 1]?.toLowerCase();
  const joined = half === "am" || half === "pm";
  const timeWord = joined ? `${first}${half}` : first;
  const { hour, minute } = parseTimeOfDay(timeWord);
  const consumed = at + (joined ? 2 : 1);
  return { cron: build(hour, minute), text: words.slice(0, consumed).join(" "), consumed };
}

function weekdays(word: string | undefined, head: string): string {
  const hint = `e.g. \`${head} mon 09:00\` or \`${head} mon,thu 09:00\``;
  if (word === undefined) throw new ScheduleError("bad_form", `\`${head}\` needs the days next, ${hint}`);
  const days = word
    .toLowerCase()
    .split(",")
    .map((item) => {
      const ends = item.split("-").map((d) => {
        const i = d.length >= 3 ? FULL_DAYS.findIndex((full) => full.startsWith(d)) : -1;
        if (i < 0) {
          throw new ScheduleError(
            "bad_form",
            `\`${d || item}\` is not a day of the week (mon ... sun); ${hint}`,
            word,
          );
        }
        return DAYS[i];
      });
      return ends.join("-");
    });
  return days.join(",");
}

function dayOfMonth(word: string | undefined, head: string): string {
  const hint = `e.g. \`${head} 1 09:00\` (day 1-31) or \`${head} last 09:00\``;
  if (word === undefined)
    throw new ScheduleError("bad_form", `\`${head}\` needs the day of the month next, ${hint}`);
  if (word.toLowerCase() === "last") return "L";
  const n = /^(\d{1,2})(st|nd|rd|th)?$/i.exec(word);
  const day = n ? Number(n[1]) : Number.NaN;
  if (!(day >= 1 && day <= 31)) {
    throw new ScheduleError("bad_form", `\`${word}\` is not a day of the month; ${hint}`, word);
  }
  return String(day);
}

function every(words: readonly string[]): ReadForm {
  const hint = "e.g. `every 15m` or `every 2h`";
  const first = words[1] ?? "";
  const m = /^(\d+)\s*([a-z]*)$/i.exec(first);
  if (m === null)
    throw new ScheduleError("bad_form", `\`every ${first}\` is not an interval; ${hint}`, first);
  let unit = (m[2] ?? "").toLowerCase();
  let consumed = 2;
  if (unit === "" && words[2] !== undefined) {
    unit = words[2].toLowerCase();
    consumed = 3;
  }
  const n = Number(m[1]);
  const text = words.slice(0, consumed).join(" ");
  if (MINUTE_UNITS.has(unit)) {
    if (n === 60) return { cron: "0 * * * *", text, consumed };
    if (!MINUTE_STEPS.includes(n)) {
      throw new ScheduleError(
        "bad_form",
        `\`${text}\`: minutes must divide the hour evenly (${MINUTE_STEPS.join(", ")}, 60) so runs stay evenly spaced; use \`cron\` for other patterns`,
        first,
      );
    }
    return { cron: n === 1 ? "* * * * *" : `*/${n} * * * *`, text, consumed };
  }
  if (HOUR_UNITS.has(unit)) {
    if (n === 24) return { cron: "0 0 * * *", text, consumed };
    if (!HOUR_STEPS.includes(n)) {
      throw new ScheduleError(
        "bad_form",
        `\`${text}\`: hours must divide the day evenly (${HOUR_STEPS.join(", ")}, 24); use \`daily 08:00\` or \`cron\` for other patterns`,
        first,
      );
    }
    return { cron: n === 1 ? "0 * * * *" : `0 */${n} * * *`, text, consumed };
  }
  throw new ScheduleError("bad_form", `\`${text}\` needs a unit, m or h; ${hint}`, first);
}

function cron(words: readonly string[]): ReadForm {
  const hint = 'put the cron in quotes, e.g. `cron "*/5 * * * *"`';
  const first = words[1];
  if (first === undefined) throw new ScheduleError("bad_form", `\`cron\` needs an expression next; ${hint}`);
  const done = (expr: string, consumed: number): ReadForm => {
    const clean = expr.replace(QUOTES, "").trim().replace(/\s+/g, " ");
    return { cron: clean, text: `cron "${clean}"`, consumed };
  };
  // Already one word: the caller's splitWords kept a quoted cron together, or a macro (@daily).
  if (/\s/.test(first.trim()) || first.startsWith("@")) return done(first, 2);
  if (/^["'“”„«‘’`]/.test(first)) {
    // Split on plain whitespace: `"*/5`, `*`, `*`, `*`, `*"`; take words up to the closing quote.
    for (let i = 1; i < words.length; i++) {
      const w = words[i] ?? "";
      if ((i > 1 || w.length > 1) && /["'”“»’‘`]$/.test(w))
        return done(words.slice(1, i + 1).join(" "), i + 1);
    }
    throw new ScheduleError("bad_form", `the quote opened at \`${first}\` is not closed; ${hint}`, first);
  }
  // Unquoted: exactly 5 fields; a 6th that is plainly a cron field (digits, *, /, -, ,) is taken
  // too, so a seconds cron gets the seconds message rather than a puzzling query error.
  const fieldish = (w: string | undefined) => w !== undefined && /^[\d*/,?-]+$/.test(w);
  const count = fieldish(words[6]) ? 6 : 5;
  const parts = words.slice(1, 1 + count);
  return done(parts.join(" "), 1 + parts.length);
}
