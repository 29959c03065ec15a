/**
 * DST policy: each local wall-clock time a schedule names runs once.
 *
 * - A local time that does not exist (02:30 on 2026-03-29 in Europe/Oslo, where clocks jump
 *   02:00 → 03:00) runs at the first valid minute after the gap: 03:00 local (+02:00), once. If
 *   several slots fall in the gap (`*\/30`: 02:00 and 02:30), they merge into that one 03:00 run,
 *   together with a 03:00 slot of its own.
 * - A local time that occurs twice (02:30 on 2026-10-25 in Europe/Oslo, where clocks go back
 *   03:00 → 02:00) runs once, at its first occurrence (02:30 +02:00).
 * - Interval crons follow the same rule, so on the autumn day `*\/30 * * * *` runs 02:00 and
 *   02:30 in the first pass (+02:00) and not again in the repeated hour: there is no run for 90
 *   real minutes (02:30 +02:00 → 03:00 +01:00), i.e. the real hour 01:00Z-02:00Z is skipped. In
 *   spring the missing hour takes no real time, so `*\/30` stays 30 real minutes apart
 *   (01:30 +01:00, then 03:00 +02:00, 03:30 +02:00).
 * - Consequence: on a spring day a run moved to the end of the gap can land closer to the next
 *   run than the usual spacing (`30 2,3 * * *` runs 03:00 and 03:30 that day). The minimum
 *   interval check measures wall-clock spacing and does not count this once-a-year pair.
 *
 * Croner 9.1 (checked on those days) runs a missing 02:30 at 03:30 and a repeated 02:30 at its
 * second occurrence, runs the autumn hour's second pass instead of its first, and with both day
 * fields restricted skips a 1st right after a month rollover. So the engine matches cron fields
 * itself (next.ts) and converts wall times with wallToEpoch below; croner serves as a test
 * oracle away from DST (test/schedule/properties.test.ts).
 */
import { IANAZone } from "luxon";
import { ScheduleError } from "./errors.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

const zones = new Map<string, IANAZone>();

/** The zone for an IANA name; refuses names luxon does not know. */
export function zoneNamed(name: string): IANAZone {
  // isValidZone builds an Intl.DateTimeFormat each call (~0.1 ms); a worker asks every minute.
  const known = zones.get(name);
  if (known !== undefined) return known;
  if (!IANAZone.isValidZone(name)) {
    throw new ScheduleError(
      "bad_timezone",
      `timezone \`${name}\` is not an IANA zone name; use one like Europe/Oslo or America/New_York`,
      name,
    );
  }
  const zone = IANAZone.create(name);
  zones.set(name, zone);
  return zone;
}

/**
 * A local wall-clock time, written as if it were UTC (`Date.UTC(y, m - 1, d, h, min)`), to the
 * instant it runs under the DST policy above.
 */
export function wallToEpoch(zone: IANAZone, wallMs: number): number {
  return dayClock(zone, Math.floor(wallMs / DAY) * DAY)(wallMs);
}

/**
 * wallToEpoch for the times of one local day (midnight `dayWall`, as if UTC). The zone is asked
 * twice per day, and about 12 more times on a change day to find the change to the minute,
 * rather than several times per slot (`*\/5` has 288 slots a day).
 */
export function dayClock(zone: IANAZone, dayWall: number): (wallMs: number) => number {
  // A day before and two after reach past any change that touches this local day (offsets are
  // within ±14 h), and tzdb has no zone changing twice within 3 days.
  const lo = dayWall - DAY;
  const hi = dayWall + 2 * DAY;
  const before = zone.offset(lo);
  const after = zone.offset(hi);
  if (before === after) return (wall) => wall - before * MINUTE;
  const change = transitionBetween(zone, lo, hi, after);
  return (wall) => {
    const early = wall - before * MINUTE;
    const late = wall - after * MINUTE;
    const earlyOk = early < change;
    const lateOk = late >= change;
    // Both: a repeated time, run at its first occurrence. Neither: a skipped time, run when the
    // gap ends.
    if (earlyOk && lateOk) return Math.min(early, late);
    if (earlyOk) return early;
    if (lateOk) return late;
    return change;
  };
}

/** The first whole minute in (lo, hi] whose offset is already `after`: the instant of the change. */
function transitionBetween(zone: IANAZone, lo: number, hi: number, after: number): number {
  let a = lo;
  let b = hi;
  while (b - a > MINUTE) {
    const mid = a + Math.floor((b - a) / MINUTE / 2) * MINUTE;
    if (zone.offset(mid) === after) b = mid;
    else a = mid;
  }
  return b;
}

/** The wall-clock reading (as if UTC) of an instant in the zone. */
export function epochToWall(zone: IANAZone, epochMs: number): number {
  return epochMs + zone.offset(epochMs) * MINUTE;
}
