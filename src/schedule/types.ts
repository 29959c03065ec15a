/** A subscription's schedule: a 5-field cron read in an IANA timezone. */
export interface Schedule {
  /** 5-field cron (minute hour day-of-month month day-of-week), friendly forms compiled to it. */
  readonly cron: string;
  /** IANA zone the cron is read in, e.g. Europe/Oslo. */
  readonly timezone: string;
  /** What the user typed, whitespace collapsed: `weekdays 08:00`, `cron "*\/5 * * * *"`. */
  readonly text: string;
  /** In words: "every weekday at 08:00 (Europe/Oslo)". */
  readonly description: string;
}

export type ScheduleTiming = Pick<Schedule, "cron" | "timezone">;
