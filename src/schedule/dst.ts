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

/** The zone for an IANA name; refuses names luxon does not know. */
export function zoneNamed(name: string): IANAZone {
  if (!IANAZone.isValidZone(name)) {
    throw new ScheduleError(
      "bad_timezone",
      `timezone \`${name}\` is not an IANA zone name; use one like Europe/Oslo or America/New_York`,
      name,
    );
  }
  return IANAZone.create(name);
}

/** The zone's UTC offset at an instant, in minutes. */
export function offsetAt(zone: IANAZone, epochMs: number): number {
  return zone.offset(epochMs);
}

/**
 * A local wall-clock time, written as if it were UTC (`Date.UTC(y, m - 1, d, h, min)`), to the
 * instant it runs under the DST policy above.
 */
export function wallToEpoch(zone: IANAZone, wallMs: number): number {
  // A day either side is outside any single transition's reach (the largest jumps are 24 h,
  // Samoa 2011), so these are the offsets before and after the transition near wallMs, if any.
  const before = zone.offset(wallMs - DAY);
  const after = zone.offset(wallMs + DAY);
  const early = wallMs - before * MINUTE;
  const late = wallMs - after * MINUTE;
  const earlyOk = zone.offset(early) === before;
  const lateOk = zone.offset(late) === after;
  if (earlyOk && lateOk) return Math.min(early, late);
  if (earlyOk) return early;
  if (lateOk) return late;
  return transitionBetween(zone, Math.min(early, late), Math.max(early, late), after);
}

/** The first whole minute in (lo, hi] whose offset is already `after`: the end of the gap. */
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
