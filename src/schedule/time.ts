import { ScheduleError } from "./errors.ts";

/** A time of day as minutes since local midnight. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

const TIME = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/i;

/**
 * `8:00`, `08:00`, `8am`, `8:30pm`, `12am` (midnight), `12pm` (noon). A bare `8` is not a time:
 * it would be ambiguous next to query words. Refuses 24:00, 25:00 and 08:60.
 */
export function parseTimeOfDay(word: string): TimeOfDay {
  const m = TIME.exec(word);
  const hint = "write a time like 08:00, 8:30, 8am or 8:30pm";
  if (m === null || (m[2] === undefined && m[3] === undefined)) {
    throw new ScheduleError("bad_time", `\`${word}\` is not a time of day; ${hint}`, word);
  }
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half !== undefined) {
    if (hour < 1 || hour > 12) {
      throw new ScheduleError(
        "bad_time",
        `time \`${word}\`: with am/pm the hour must be 1-12; ${hint}`,
        word,
      );
    }
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (hour > 23) {
    throw new ScheduleError(
      "bad_time",
      `time \`${word}\`: the hour must be 0-23 (00:00 is midnight); ${hint}`,
      word,
    );
  }
  if (minute > 59) {
    throw new ScheduleError("bad_time", `time \`${word}\`: the minutes must be 00-59; ${hint}`, word);
  }
  return { hour, minute };
}

export function formatTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
