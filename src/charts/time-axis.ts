/**
 * Where the x axis gets a label, and what it says, in the chart's own time zone.
 *
 * Vega's time scales follow the process zone, so the chart's x axis is the bucket index and this
 * module picks which buckets carry a label. Working on buckets, not on a continuous time line, is
 * what makes DST days right: on 2026-10-25 in Europe/Oslo the two 02:00 hours are two buckets with
 * two labels, and on 2026-03-29 no bucket starts at 02:00, so no label says so.
 */
import { DateTime } from "luxon";
import type { Interval } from "../placewise/fields.ts";
import { wallTimes, zoneOffsets } from "./wall-clock.ts";

export type TickLabel = string | readonly [string, string];

export interface TimeTicks {
  /** Bucket indexes that get a label, ascending. */
  readonly values: number[];
  /** Label per bucket index in `values`; two lines where a label had to step down to stay clear. */
  readonly labels: Record<number, TickLabel>;
  /** The spacing chosen, e.g. "2h", "1d", "2w", "1mo": for tests and logs. */
  readonly step: string;
}

type Unit = "minute" | "hour" | "day" | "week" | "month" | "year";
interface Step {
  readonly unit: Unit;
  readonly n: number;
}

/** Candidate spacings, finest first; the finest that fits the width wins. */
const LADDER: readonly Step[] = [
  ...[5, 10, 15, 30].map((n) => ({ unit: "minute" as const, n })),
  ...[1, 2, 3, 6, 12].map((n) => ({ unit: "hour" as const, n })),
  ...[1, 2].map((n) => ({ unit: "day" as const, n })),
  ...[1, 2].map((n) => ({ unit: "week" as const, n })),
  ...[1, 2, 3, 6].map((n) => ({ unit: "month" as const, n })),
  ...[1, 2, 5, 10, 25, 50].map((n) => ({ unit: "year" as const, n })),
];

/** The finest spacing that makes sense for each bucket size (a 1d chart never gets hour labels). */
const FIRST_UNIT: Record<Interval, Unit> = {
  "5m": "minute",
  "1h": "hour",
  "1d": "day",
  "1w": "week",
  "1mo": "month",
};

/**
 * Width of a label in px at the axis font size (11 px DejaVu Sans): digits and most letters are
 * about 0.6 em wide, so 7 px a character, plus 14 px of air between neighbours.
 */
const CHAR_PX = 7;
const GAP_PX = 14;

const DAY_MS = 86_400_000;

/**
 * A bucket start as its local wall clock (epoch ms of the same wall time in UTC), with the fields the
 * spacing rules read; luxon is used only to format the few labels that are kept.
 */
interface Wall {
  readonly ms: number;
  readonly day: number; // days since 1970-01-01 of the local date
  readonly minuteOfDay: number;
}

function wall(ms: number): Wall {
  const day = Math.floor(ms / DAY_MS);
  return { ms, day, minuteOfDay: (ms - day * DAY_MS) / 60_000 };
}

/** Which labelled period a local time falls in, for calendar spacings: a label goes where it changes. */
function periodKey(w: Wall, step: Step): number {
  switch (step.unit) {
    case "day":
      return Math.floor(w.day / step.n);
    case "week":
      // 1970-01-01 was a Thursday, so day 4 (1970-01-05) was a Monday: weeks start on Monday, as in the API.
      return Math.floor(Math.floor((w.day - 4) / 7) / step.n);
    case "month": {
      const d = new Date(w.ms);
      return Math.floor((d.getUTCFullYear() * 12 + d.getUTCMonth()) / step.n);
    }
    default:
      return Math.floor(new Date(w.ms).getUTCFullYear() / step.n);
  }
}

/** Minutes and hours: a bucket is labelled when its local wall clock is on the step (both 02:00s are). */
function onClock(w: Wall, step: Step): boolean {
  return step.unit === "minute" ? w.minuteOfDay % step.n === 0 : w.minuteOfDay % (step.n * 60) === 0;
}

function isTick(walls: readonly Wall[], i: number, step: Step, before: Wall): boolean {
  const w = walls[i] as Wall;
  if (step.unit === "minute" || step.unit === "hour") return onClock(w, step);
  // The first bucket is labelled only if a period starts exactly there: the instant before it
  // (`before`) is still in the previous period.
  return periodKey(w, step) !== periodKey(i > 0 ? (walls[i - 1] as Wall) : before, step);
}

function format(
  w: Wall,
  step: Step,
  multiDay: boolean,
  shortRange: boolean,
  first: boolean,
  locale: string,
): string {
  const dt = DateTime.fromMillis(w.ms, { zone: "utc", locale });
  switch (step.unit) {
    case "minute":
    case "hour":
      // On a chart over several days, midnight names the day so the reader knows which 06:00 is which.
      return multiDay && w.minuteOfDay === 0 ? dt.toFormat("ccc d") : dt.toFormat("HH:mm");
    case "day":
      return step.n === 1 && shortRange ? dt.toFormat("ccc d") : dt.toFormat("d LLL");
    case "week":
      return dt.toFormat("d LLL");
    case "month":
      return first || dt.month === 1 ? dt.toFormat("LLL yyyy") : dt.toFormat("LLL");
    default:
      return dt.toFormat("yyyy");
  }
}

function label(step: Step): string {
  const short = { minute: "m", hour: "h", day: "d", week: "w", month: "mo", year: "y" }[step.unit];
  return `${step.n}${short}`;
}

/**
 * Picks labelled buckets for an axis `plotWidth` px wide: the finest spacing from the ladder whose
 * labels fit side by side, then drops any label that would still touch its left neighbour (uneven
 * spacing, e.g. month starts on a weekly grid).
 */
export function timeTicks(
  times: readonly number[],
  interval: Interval,
  zone: string,
  plotWidth: number,
  /** luxon locale of weekday and month names; "en-US" keeps the English labels as they were. */
  locale = "en-US",
): TimeTicks {
  if (times.length === 0) return { values: [], labels: {}, step: "none" };
  const walls = wallTimes(times, zone).map(wall);
  const t0 = times[0] as number;
  const before = wall(t0 - 1 + (zoneOffsets([t0 - 1], zone)[0] as number));
  const firstDay = (walls[0] as Wall).day;
  const lastDay = (walls[walls.length - 1] as Wall).day;
  const multiDay = firstDay !== lastDay;
  const shortRange = lastDay - firstDay < 10;
  const pxPerBucket = plotWidth / Math.max(1, times.length - 1);
  const ladder = LADDER.slice(LADDER.findIndex((s) => s.unit === FIRST_UNIT[interval]));

  let chosen: TimeTicks = { values: [], labels: {}, step: "none" };
  for (const [k, step] of ladder.entries()) {
    const values: number[] = [];
    for (let i = 0; i < walls.length; i++) if (isTick(walls, i, step, before)) values.push(i);
    if (values.length === 0) continue;
    // Formatting is the slow part (720 hourly buckets: ~1,500 labels over the hour steps), so a
    // spacing that cannot fit even 3-character labels is skipped unformatted.
    const last = k === ladder.length - 1;
    if (!last && values.length * (3 * CHAR_PX + GAP_PX) > plotWidth) continue;
    const texts = values.map((i, n) => format(walls[i] as Wall, step, multiDay, shortRange, n === 0, locale));
    const widest = Math.max(...texts.map((t) => t.length)) * CHAR_PX + GAP_PX;
    chosen = thin(values, texts, widest, pxPerBucket, label(step));
    if (values.length * widest <= plotWidth) break;
  }
  if (chosen.values.length > 0) return chosen;
  // No bucket starts on any step (buckets not aligned to the zone's clock, e.g. a half-hour zone
  // fed hourly UTC buckets): the first bucket is still labelled, so the reader knows when.
  const first = ladder[0] as Step;
  return {
    values: [0],
    labels: { 0: format(walls[0] as Wall, first, multiDay, shortRange, true, locale) },
    step: "first",
  };
}

function thin(
  values: number[],
  texts: string[],
  minPx: number,
  pxPerBucket: number,
  step: string,
): TimeTicks {
  const kept: number[] = [];
  const labels: Record<number, TickLabel> = {};
  for (let k = 0; k < values.length; k++) {
    const i = values[k] as number;
    const text = texts[k] as string;
    const prev = kept[kept.length - 1];
    if (prev !== undefined && (i - prev) * pxPerBucket < minPx) {
      // The hour repeated when clocks go back (02:00 twice on 2026-10-25 in Oslo) sits one bucket
      // from its twin; it is the one place a reader needs both, so it drops to a second line.
      if (labels[prev] !== text) continue;
      kept.push(i);
      labels[i] = ["", text];
      continue;
    }
    kept.push(i);
    labels[i] = text;
  }
  return { values: kept, labels, step };
}
