/**
 * luxon computes a zone's UTC offset with Intl.DateTimeFormat#formatToParts on every call
 * (IANAZone#offset). A digest's range words, bucket grid and labels ask it thousands of times for
 * the same few hours: a CPU profile of 30 reports at once spent 1.5 s of the main thread's 11 s in
 * luxon, most of it there. An offset only changes at a zone's transitions, and since 1970 every
 * transition falls on a whole minute, so the answer for a minute is remembered, per zone, for any
 * time from 1970 on (earlier times, where local mean time has odd seconds, are computed as before).
 * `installZoneOffsetMemo()` is called once by each entry (runtime, CLI, render thread); it is the
 * same function either way, only faster: `test/util/zone-offsets.test.ts` checks it against luxon's.
 */
import { IANAZone } from "luxon";

const MINUTE = 60_000;
/** Minutes remembered per zone before the zone's memo starts over (a year of hours is 8 760). */
const LIMIT = 50_000;

let installed = false;

/** luxon's own IANAZone#offset, unmemoized (tests compare with it). */
export const luxonOffset: (this: IANAZone, ts: number) => number = IANAZone.prototype.offset;

export function installZoneOffsetMemo(): void {
  if (installed) return;
  installed = true;
  const memo = new Map<string, Map<number, number>>();
  IANAZone.prototype.offset = function offset(this: IANAZone, ts: number): number {
    if (!(ts >= 0) || !Number.isFinite(ts)) return luxonOffset.call(this, ts);
    let zone = memo.get(this.name);
    if (zone === undefined) {
      zone = new Map();
      memo.set(this.name, zone);
    }
    const minute = Math.floor(ts / MINUTE);
    let value = zone.get(minute);
    if (value === undefined) {
      value = luxonOffset.call(this, minute * MINUTE);
      if (zone.size >= LIMIT) zone.clear();
      zone.set(minute, value);
    }
    return value;
  };
}
