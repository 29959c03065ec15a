import { describe, expect, it } from "vitest";
import { parseCron } from "../../src/schedule/cron.ts";
import { ScheduleError } from "../../src/schedule/errors.ts";

function message(expr: string): string {
  try {
    parseCron(expr);
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleError);
    expect((e as ScheduleError).code).toBe("bad_cron");
    return (e as Error).message;
  }
  throw new Error(`expected cron \`${expr}\` to be refused`);
}

describe("cron validation names the wrong field and the right format", () => {
  it("an hour of 25", () => {
    const m = message("*/5 25 * * *");
    expect(m).toContain("cron `*/5 25 * * *`: hour field `25` must be 0-23");
    expect(m).toContain("minute hour day-of-month month day-of-week");
  });

  it.each([
    ["60 * * * *", "minute field `60` must be 0-59"],
    ["0 8 32 * *", "day-of-month field `32` must be 1-31"],
    ["0 8 0 * *", "day-of-month field `0` must be 1-31"],
    ["0 8 * 13 *", "month field `13` must be 1-12"],
    ["0 8 * * 8", "day-of-week field `8` must be 0-7 (0 and 7 are Sunday)"],
    ["0 8,25 * * *", "hour field `8,25` has `25`, which must be 0-23"],
    [
      "0 8 * * mon-frx",
      "day-of-week field `mon-frx` has `frx`, which must be a number 0-7 or a name (sun, mon",
    ],
    ["0 8 * foo *", "month field `foo` must be a number 1-12 or a name (jan, feb"],
    ["*/0 * * * *", "minute field `*/0` must use a step from 1 to 60"],
    ["0 17-9 * * *", "hour field `17-9` must be a range from low to high within 0-23"],
    ["0 8, * * *", "hour field `8,` has an empty item"],
    ["0 L * * *", "hour field `L` must be a number 0-23"],
  ])("`%s`", (expr, words) => {
    expect(message(expr)).toContain(words);
  });

  it("refuses a 6-field cron with seconds", () => {
    expect(message("0 */5 * * * *")).toContain("has 6 fields, but seconds are not supported: use 5 fields");
  });

  it("refuses too few fields", () => {
    expect(message("*/5 * *")).toContain("has 3 fields, expected 5");
    expect(message("")).toContain("has 0 fields, expected 5");
  });
});

describe("cron syntax accepted", () => {
  it("names, ranges, steps and lists", () => {
    const f = parseCron("0,30 9-17/2 1,15 jan-mar,DEC mon-fri");
    expect(f.minutes).toEqual([0, 30]);
    expect(f.hours).toEqual([9, 11, 13, 15, 17]);
    expect([...f.daysOfMonth].sort((a, b) => a - b)).toEqual([1, 15]);
    expect([...f.months].sort((a, b) => a - b)).toEqual([1, 2, 3, 12]);
    expect([...f.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("7 and `sun` at a range end are Sunday", () => {
    expect([...parseCron("0 0 * * 7").daysOfWeek]).toEqual([0]);
    expect([...parseCron("0 0 * * fri-sun").daysOfWeek].sort()).toEqual([0, 5, 6]);
  });

  it("`5/15` runs from 5 to the end in steps of 15", () => {
    expect(parseCron("5/15 * * * *").minutes).toEqual([5, 20, 35, 50]);
  });

  it("macros expand to 5 fields", () => {
    expect(parseCron("@hourly").minutes).toEqual([0]);
    expect(parseCron("@weekly").daysOfWeek).toEqual(new Set([0]));
  });

  it("marks which day fields are restricted: a field starting with * is not (Vixie)", () => {
    expect(parseCron("0 9 1 * mon")).toMatchObject({ domRestricted: true, dowRestricted: true });
    expect(parseCron("0 9 */2 * mon")).toMatchObject({ domRestricted: false, dowRestricted: true });
    expect(parseCron("0 9 L * *")).toMatchObject({ domRestricted: true, lastDayOfMonth: true });
  });
});
