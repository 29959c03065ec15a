import { InputError } from "../util/errors.ts";

export type ScheduleErrorCode =
  | "bad_cron" // a cron field is malformed or out of range, or the field count is wrong
  | "bad_time" // a time of day such as 24:00 or 08:60
  | "bad_form" // a friendly form is incomplete or unknown (`weekly 09:00` without a day)
  | "bad_timezone" // not an IANA zone name
  | "too_frequent" // two runs closer than the configured minimum
  | "never_runs"; // a calendar date that does not exist (`0 0 31 2 *`)

/**
 * A schedule the user typed is wrong. An InputError (safe to show), with a `code` for callers
 * that react differently, e.g. to `too_frequent`.
 */
export class ScheduleError extends InputError {
  constructor(
    override readonly code: ScheduleErrorCode,
    message: string,
    word?: string,
  ) {
    super(message, word, code);
  }
}

/** How a 5-field cron looks; appended to cron errors so the user sees the right shape. */
export const CRON_FORMAT_HINT =
  "the format is `minute hour day-of-month month day-of-week`, e.g. `*/15 8-17 * * mon-fri`";
