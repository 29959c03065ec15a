/** When a snooze ends, for the three snooze buttons. Pure: "now" and the zone are inputs. */
import { DateTime } from "luxon";

export type SnoozeChoice = "1h" | "tomorrow" | "1w";

/** Hour of the morning a "until tomorrow" snooze ends: 08:00, before malls open at 10:00. */
export const TOMORROW_HOUR = 8;

export function snoozeUntil(choice: SnoozeChoice, now: number, tz: string): number {
  const local = DateTime.fromMillis(now, { zone: tz });
  switch (choice) {
    case "1h":
      return now + 3_600_000;
    case "tomorrow":
      return local
        .plus({ days: 1 })
        .set({ hour: TOMORROW_HOUR, minute: 0, second: 0, millisecond: 0 })
        .toMillis();
    case "1w":
      // Calendar week in local time: the same wall-clock time seven days on, across a DST change.
      return local.plus({ weeks: 1 }).toMillis();
  }
}
