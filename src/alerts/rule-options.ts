/** Parsers for the option words of a rule: durations, active hours, weekdays, intervals. */
import { INTERVALS, type Interval } from "../placewise/fields.ts";
import { InputError } from "../util/errors.ts";
import type { ActiveHours } from "./rule.ts";

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30m`, `4h`, `1d`, `1w`; `off`/`0` = 0. */
export function parseDuration(word: string, key: string): number {
  if (word === "off" || word === "0" || word === "never") return 0;
  const m = /^(\d+)(m|h|d|w)$/.exec(word);
  if (m === null) {
    throw new InputError(
      `"${key}=${word}" is not a duration: write it like ${key}=30m, ${key}=4h or ${key}=1d.`,
      word,
    );
  }
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

const INTERVAL_ALIASES: Record<string, Interval> = {
  hour: "1h",
  h: "1h",
  day: "1d",
  d: "1d",
  week: "1w",
  w: "1w",
  month: "1mo",
  "5min": "5m",
};

/** `per 1h`, `per hour`, `per 5m`. */
export function parseInterval(word: string | undefined): Interval {
  const w = (word ?? "").toLowerCase();
  if ((INTERVALS as readonly string[]).includes(w)) return w as Interval;
  const alias = INTERVAL_ALIASES[w];
  if (alias !== undefined) return alias;
  throw new InputError(
    `"per ${word ?? ""}" needs a bucket size: one of ${INTERVALS.join(", ")} (for example "per 1h").`,
    word,
  );
}

function parseClock(text: string): number | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(text);
  if (m === null) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** `10:00-21:00`, `10-21`, `22:00-06:00` (wraps past midnight). */
export function parseHours(word: string): ActiveHours {
  const [a, b, extra] = word.split("-");
  const from = a === undefined ? null : parseClock(a);
  const to = b === undefined ? null : parseClock(b);
  if (from === null || to === null || extra !== undefined || from === to) {
    throw new InputError(
      `"hours=${word}" is not a range of local times: write it like hours=10:00-21:00 (22:00-06:00 wraps past midnight).`,
      word,
    );
  }
  return { from, to };
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_SETS: Record<string, number[]> = {
  weekdays: [1, 2, 3, 4, 5],
  weekends: [6, 7],
  all: [1, 2, 3, 4, 5, 6, 7],
};

function dayNumber(name: string, word: string): number {
  const i = DAY_NAMES.indexOf(name.slice(0, 3));
  if (i === -1 || name.length < 3) {
    throw new InputError(
      `"days=${word}": "${name}" is not a weekday; use mon tue wed thu fri sat sun, ranges like mon-sat, lists like mon,wed,fri, or weekdays/weekends.`,
      word,
    );
  }
  return i + 1;
}

/** `mon-sat`, `sat-mon` (wraps), `mon,wed,fri`, `weekdays`, `weekends`; ISO weekday numbers, sorted. */
export function parseDays(word: string): number[] {
  const out = new Set<number>();
  for (const part of word.toLowerCase().split(",")) {
    const set = DAY_SETS[part];
    if (set !== undefined) {
      for (const d of set) out.add(d);
      continue;
    }
    const [a, b] = part.split("-");
    const from = dayNumber(a ?? "", word);
    const to = b === undefined ? from : dayNumber(b, word);
    for (let d = from; ; d = (d % 7) + 1) {
      out.add(d);
      if (d === to) break;
    }
  }
  return [...out].sort((x, y) => x - y);
}
