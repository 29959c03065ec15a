import { describe, expect, it } from "vitest";
import { ScheduleError } from "../../src/schedule/errors.ts";
import { consumeSchedule, parseSchedule } from "../../src/schedule/parse.ts";
import { InputError } from "../../src/util/errors.ts";

const opts = { timezone: "Europe/Oslo", minMinutes: 5 };

/** The error a schedule text gets, for asserting on its code and words. */
function refusal(text: string, o = opts): ScheduleError {
  try {
    parseSchedule(text, o);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect(e).toBeInstanceOf(ScheduleError);
    return e as ScheduleError;
  }
  throw new Error(`expected \`${text}\` to be refused`);
}

describe("friendly forms compile to cron and read back in words", () => {
  it.each([
    ["daily 08:00", "0 8 * * *", "every day at 08:00 (Europe/Oslo)"],
    ["Daily 8:00", "0 8 * * *", "every day at 08:00 (Europe/Oslo)"],
    ["weekdays 08:00", "0 8 * * 1-5", "every weekday at 08:00 (Europe/Oslo)"],
    ["weekdays 8am", "0 8 * * 1-5", "every weekday at 08:00 (Europe/Oslo)"],
    ["weekends 10:00", "0 10 * * 0,6", "every Saturday and Sunday at 10:00 (Europe/Oslo)"],
    ["weekly mon 09:00", "0 9 * * mon", "every Monday at 09:00 (Europe/Oslo)"],
    ["weekly Monday 09:00", "0 9 * * mon", "every Monday at 09:00 (Europe/Oslo)"],
    ["weekly mon,thu 09:00", "0 9 * * mon,thu", "every Monday and Thursday at 09:00 (Europe/Oslo)"],
    [
      "weekly monday,thursday 8:30pm",
      "30 20 * * mon,thu",
      "every Monday and Thursday at 20:30 (Europe/Oslo)",
    ],
    ["monthly 1 09:00", "0 9 1 * *", "on day 1 of every month at 09:00 (Europe/Oslo)"],
    [
      "monthly 31 09:00",
      "0 9 31 * *",
      "on day 31 of every month at 09:00 (Europe/Oslo); months without a day 31 are skipped",
    ],
    ["monthly last 09:00", "0 9 L * *", "on the last day of every month at 09:00 (Europe/Oslo)"],
    ["hourly", "0 * * * *", "every hour, on the hour (Europe/Oslo)"],
    ["hourly :15", "15 * * * *", "every hour at :15 (Europe/Oslo)"],
    ["every 15m", "*/15 * * * *", "every 15 minutes (Europe/Oslo)"],
    ["every 15 minutes", "*/15 * * * *", "every 15 minutes (Europe/Oslo)"],
    ["every 2h", "0 */2 * * *", "every 2 hours, on the hour (Europe/Oslo)"],
    ["every 1h", "0 * * * *", "every hour, on the hour (Europe/Oslo)"],
    ['cron "*/5 * * * *"', "*/5 * * * *", "every 5 minutes (Europe/Oslo)"],
    ["cron '0 8 * * 1-5'", "0 8 * * 1-5", "every weekday at 08:00 (Europe/Oslo)"],
    ["cron “0 8 * * mon-fri”", "0 8 * * mon-fri", "every weekday at 08:00 (Europe/Oslo)"],
    ["cron @daily", "0 0 * * *", "every day at 00:00 (Europe/Oslo)"],
    ['cron "0 9 1 * mon"', "0 9 1 * mon", "on day 1 of every month and every Monday at 09:00 (Europe/Oslo)"],
    ['cron "*/5 9-17 * * 1-5"', "*/5 9-17 * * 1-5", "cron `*/5 9-17 * * 1-5` (Europe/Oslo)"],
  ])("`%s` → `%s`", (text, cron, description) => {
    const s = parseSchedule(text, opts);
    expect(s.cron).toBe(cron);
    expect(s.description).toBe(description);
    expect(s.timezone).toBe("Europe/Oslo");
  });

  it("keeps the text as typed, a cron re-quoted, so it can be parsed again", () => {
    expect(parseSchedule("  weekdays   8am ", opts).text).toBe("weekdays 8am");
    const s = parseSchedule("cron “*/5 * * * *”", opts);
    expect(s.text).toBe('cron "*/5 * * * *"');
    expect(parseSchedule(s.text, opts).cron).toBe("*/5 * * * *");
  });

  it("names the zone it was given in the description", () => {
    expect(parseSchedule("daily 08:00", { timezone: "America/New_York", minMinutes: 5 }).description).toBe(
      "every day at 08:00 (America/New_York)",
    );
  });
});

describe("times of day", () => {
  it.each([
    ["8:00", "0 8"],
    ["08:00", "0 8"],
    ["8am", "0 8"],
    ["8:30pm", "30 20"],
    ["8:30 pm", "30 20"],
    ["12am", "0 0"],
    ["12pm", "0 12"],
    ["00:00", "0 0"],
    ["23:59", "59 23"],
  ])("accepts `daily %s`", (time, minuteHour) => {
    expect(parseSchedule(`daily ${time}`, opts).cron).toBe(`${minuteHour} * * *`);
  });

  it.each([
    ["24:00", "hour must be 0-23"],
    ["25:00", "hour must be 0-23"],
    ["08:60", "minutes must be 00-59"],
    ["13pm", "hour must be 1-12"],
    ["8", "not a time of day"],
  ])("refuses `daily %s`, saying what is wrong", (time, words) => {
    const e = refusal(`daily ${time}`);
    expect(e.code).toBe("bad_time");
    expect(e.message).toContain(words);
    expect(e.message).toContain("08:00");
  });

  it("asks for a time when it is missing", () => {
    const e = refusal("daily");
    expect(e.code).toBe("bad_form");
    expect(e.message).toContain("`daily 08:00`");
  });
});

describe("refusals", () => {
  it("refuses a schedule that runs more often than the minimum, naming the gap and the minimum", () => {
    const e = refusal("every 2m");
    expect(e.code).toBe("too_frequent");
    expect(e.message).toContain("runs every 2 minutes; the shortest allowed is 5 minutes");
  });

  it("accepts every minute when the minimum is 1 (tests)", () => {
    expect(parseSchedule("every 1m", { timezone: "UTC", minMinutes: 1 }).cron).toBe("* * * * *");
  });

  it("finds the closest pair in an uneven cron", () => {
    expect(refusal('cron "0,2 * * * *"').message).toContain("has runs only 2 minutes apart");
  });

  it("finds a short gap across midnight (23:58 then 00:01)", () => {
    expect(refusal('cron "1,58 0,23 * * *"').message).toContain("3 minutes apart");
  });

  it("accepts the minimum itself", () => {
    expect(parseSchedule("every 5m", opts).cron).toBe("*/5 * * * *");
  });

  it("refuses a cron that never runs (31 February)", () => {
    const e = refusal('cron "0 0 31 2 *"');
    expect(e.code).toBe("never_runs");
    expect(e.message).toContain("February has no day 31");
  });

  it("accepts 29 February, which runs in leap years", () => {
    expect(parseSchedule('cron "0 0 29 2 *"', opts).cron).toBe("0 0 29 2 *");
  });

  it("refuses intervals that do not divide the hour or day, naming those that do", () => {
    expect(refusal("every 7m").message).toContain("1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30");
    expect(refusal("every 5h").message).toContain("1, 2, 3, 4, 6, 8, 12");
    expect(refusal("every 15").message).toContain("needs a unit");
  });

  it("refuses an unknown form, listing the forms", () => {
    const e = refusal("fortnightly 08:00");
    expect(e.code).toBe("bad_form");
    expect(e.message).toContain("`fortnightly` does not start a schedule");
    expect(e.message).toContain("weekdays 08:00");
  });

  it("refuses a weekly form without a day, and a bad day", () => {
    expect(refusal("weekly 09:00").message).toContain("not a day of the week");
    expect(refusal("weekly funday 09:00").message).toContain("`funday`");
  });

  it("refuses a day of month outside 1-31", () => {
    expect(refusal("monthly 32 09:00").message).toContain("`32` is not a day of the month");
  });

  it("refuses words after the schedule", () => {
    expect(refusal("daily 08:00 last 24h").message).toContain(
      "unexpected `last` after the schedule `daily 08:00`",
    );
  });

  it("refuses an unknown timezone, naming the right kind", () => {
    const e = refusal("daily 08:00", { timezone: "Mars/Olympus", minMinutes: 5 });
    expect(e.code).toBe("bad_timezone");
    expect(e.message).toContain("Europe/Oslo");
  });

  it("refuses a hourly minute past :59", () => {
    expect(refusal("hourly :60").message).toContain(":00 to :59");
  });
});

describe("consumeSchedule takes the schedule from the front of /offers subscribe", () => {
  it("daily 08:00 last 24h interval=1h", () => {
    expect(consumeSchedule(["daily", "08:00", "last", "24h", "interval=1h"])).toEqual({
      text: "daily 08:00",
      rest: ["last", "24h", "interval=1h"],
    });
  });

  it("a cron the caller already split out of its quotes", () => {
    expect(consumeSchedule(["cron", "*/5 * * * *", "tz=Europe/Oslo", "last", "1h", "interval=5m"])).toEqual({
      text: 'cron "*/5 * * * *"',
      rest: ["tz=Europe/Oslo", "last", "1h", "interval=5m"],
    });
  });

  it("a quoted cron split on plain spaces, straight or smart quotes", () => {
    expect(consumeSchedule('cron "*/5 * * * *" last 1h'.split(" "))).toEqual({
      text: 'cron "*/5 * * * *"',
      rest: ["last", "1h"],
    });
    expect(consumeSchedule("cron “0 8 * * 1-5” last 24h".split(" ")).rest).toEqual(["last", "24h"]);
  });

  it("an unquoted cron of 5 fields", () => {
    expect(consumeSchedule("cron 0 8 * * 1-5 last 24h".split(" "))).toEqual({
      text: 'cron "0 8 * * 1-5"',
      rest: ["last", "24h"],
    });
  });

  it("an unquoted seconds cron keeps its 6th field, so parsing says seconds are not supported", () => {
    const { text } = consumeSchedule("cron 0 */5 * * * * last 1h".split(" "));
    expect(refusal(text).message).toContain("seconds are not supported");
  });

  it.each([
    [["hourly", "last", "1h"], "hourly", ["last", "1h"]],
    [["hourly", ":15", "today"], "hourly :15", ["today"]],
    [["every", "15m", "last", "1h"], "every 15m", ["last", "1h"]],
    [["every", "2", "hours", "today"], "every 2 hours", ["today"]],
    [["weekly", "mon,thu", "09:00", "last", "7d"], "weekly mon,thu 09:00", ["last", "7d"]],
    [["monthly", "1", "09:00", "last", "month"], "monthly 1 09:00", ["last", "month"]],
    [["weekdays", "8:30", "pm", "today"], "weekdays 8:30 pm", ["today"]],
    [["daily", "at", "08:00", "last", "24h"], "daily at 08:00", ["last", "24h"]],
    [["weekly", "mon", "at", "9am", "last", "7d"], "weekly mon at 9am", ["last", "7d"]],
  ])("%j", (words, text, rest) => {
    expect(consumeSchedule(words)).toEqual({ text, rest });
  });

  it("refuses words that do not start with a schedule, showing the forms", () => {
    expect(() => consumeSchedule(["last", "24h"])).toThrow(/`last` does not start a schedule.*daily 08:00/);
    expect(() => consumeSchedule([])).toThrow(/schedule is missing/);
  });
});
