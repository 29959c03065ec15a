import { CRON_FORMAT_HINT, ScheduleError } from "./errors.ts";

/**
 * A 5-field cron expression, expanded to the values each field allows.
 *
 * Day-of-month and day-of-week follow Vixie cron (what `man 5 crontab` documents): when BOTH are
 * restricted, a day matches if EITHER matches (`0 9 1 * mon` = the 1st and every Monday); when one
 * of them starts with `*` (including `*\/2`), a day must match both. Croner 9 differs on `*\/2`
 * (it counts it as restricted), which is one reason the schedule engine does its own matching.
 * `L` in day-of-month is the last day of the month.
 */
export interface CronFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly lastDayOfMonth: boolean;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday ... 6 = Saturday (7 in the input is folded to 0). */
  readonly daysOfWeek: ReadonlySet<number>;
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  // 7 is Sunday too, so `fri-sun` can be written as a range.
  { name: "day-of-week", min: 0, max: 7, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) },
];

const MACROS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** Collapses whitespace and expands `@daily`-style macros; the form stored in a Schedule. */
export function normalizeCron(expr: string): string {
  const trimmed = expr.trim().replace(/\s+/g, " ");
  return MACROS[trimmed.toLowerCase()] ?? trimmed;
}

/** Parses and validates a 5-field cron; every error names the field, its text and the valid range. */
export function parseCron(expr: string): CronFields {
  const text = normalizeCron(expr);
  const parts = text === "" ? [] : text.split(" ");
  if (parts.length === 6) {
    throw new ScheduleError(
      "bad_cron",
      `cron \`${text}\` has 6 fields, but seconds are not supported: use 5 fields; ${CRON_FORMAT_HINT}`,
      text,
    );
  }
  if (parts.length !== 5) {
    throw new ScheduleError(
      "bad_cron",
      `cron \`${text}\` has ${parts.length} field${parts.length === 1 ? "" : "s"}, expected 5; ${CRON_FORMAT_HINT}`,
      text,
    );
  }
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  const fail = (spec: FieldSpec, field: string, problem: string): never => {
    throw new ScheduleError(
      "bad_cron",
      `cron \`${text}\`: ${spec.name} field \`${field}\` ${problem}; ${CRON_FORMAT_HINT}`,
      field,
    );
  };
  const [sMin, sHour, sDom, sMonth, sDow] = FIELDS as [FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec];
  const domItems = dom.split(",");
  const lastDayOfMonth = domItems.some((i) => i.toUpperCase() === "L");
  const domRest = domItems.filter((i) => i.toUpperCase() !== "L");
  const days = domRest.length === 0 ? new Set<number>() : expand(sDom, domRest.join(","), fail);
  const weekdays = new Set([...expand(sDow, dow, fail)].map((d) => d % 7));
  return {
    minutes: [...expand(sMin, minute, fail)].sort((a, b) => a - b),
    hours: [...expand(sHour, hour, fail)].sort((a, b) => a - b),
    daysOfMonth: days,
    lastDayOfMonth,
    months: expand(sMonth, month, fail),
    daysOfWeek: weekdays,
    domRestricted: !dom.startsWith("*") && dom !== "?",
    dowRestricted: !dow.startsWith("*") && dow !== "?",
  };
}

type Fail = (spec: FieldSpec, field: string, problem: string) => never;

function expand(spec: FieldSpec, field: string, fail: Fail): Set<number> {
  const out = new Set<number>();
  const range = `${spec.min}-${spec.max}`;
  const bad = (item: string, problem: string): never =>
    fail(spec, field, item === field ? problem : `has \`${item}\`, which ${problem}`);
  for (const item of field.split(",")) {
    if (item === "") fail(spec, field, "has an empty item (check for a stray comma)");
    const [base = "", stepText, extra] = item.split("/");
    if (extra !== undefined) bad(item, "has two `/` steps");
    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (!/^\d+$/.test(stepText) || step < 1 || step > spec.max - spec.min + 1) {
        bad(item, `must use a step from 1 to ${spec.max - spec.min + 1}`);
      }
    }
    let lo: number;
    let hi: number;
    if (base === "*" || (base === "?" && (spec.name === "day-of-month" || spec.name === "day-of-week"))) {
      lo = spec.min;
      hi = spec.name === "day-of-week" ? 6 : spec.max;
    } else {
      const ends = base.split("-");
      if (ends.length > 2) bad(item, `must be a number or a range like \`1-5\` within ${range}`);
      lo = value(spec, ends[0] ?? "", false, (p) => bad(ends[0] ?? item, p));
      // `5/15` means 5 to the end of the range in steps of 15 (Vixie and croner agree).
      hi =
        ends.length === 2
          ? value(spec, ends[1] ?? "", true, (p) => bad(ends[1] ?? item, p))
          : stepText
            ? spec.max
            : lo;
      if (lo > hi) bad(item, `must be a range from low to high within ${range}`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function value(spec: FieldSpec, word: string, rangeEnd: boolean, bad: (problem: string) => never): number {
  const lower = word.toLowerCase();
  const named = spec.names?.[lower];
  if (named !== undefined) return named === 0 && rangeEnd ? 7 : named;
  if (!/^\d+$/.test(word)) {
    const names = spec.names ? ` or a name (${Object.keys(spec.names).join(", ")})` : "";
    return bad(`must be a number ${spec.min}-${spec.max}${names}`);
  }
  const n = Number(word);
  if (n < spec.min || n > spec.max) {
    return bad(`must be ${spec.min}-${spec.name === "day-of-week" ? "7 (0 and 7 are Sunday)" : spec.max}`);
  }
  return n;
}
