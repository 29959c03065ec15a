import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { nextRuns, runsBetween } from "../../src/schedule/next.ts";

const OSLO = "Europe/Oslo";
const at = (iso: string) => Date.parse(iso);
/** Runs as local ISO times with their offset, the way a user reads them. */
const local = (runs: number[], zone: string) =>
  runs.map((ms) =>
    DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true }),
  );
/** Real minutes between consecutive runs. */
const gaps = (runs: number[]) => runs.slice(1).map((r, i) => (r - (runs[i] ?? r)) / 60_000);
const utc = (runs: number[]) => runs.map((ms) => new Date(ms).toISOString().slice(0, 16));

describe("daily runs on the DST change days in Europe/Oslo", () => {
  const daily8 = { cron: "0 8 * * *", timezone: OSLO };

  it("a daily 08:00 digest fires at 08:00 local on the spring change day (06:00Z)", () => {
    const runs = nextRuns(daily8, at("2026-03-28T12:00:00Z"), 2);
    expect(utc(runs)).toEqual(["2026-03-29T06:00", "2026-03-30T06:00"]);
    expect(local(runs, OSLO)).toEqual(["2026-03-29T08:00+02:00", "2026-03-30T08:00+02:00"]);
  });

  it("a daily 08:00 digest fires at 08:00 local on the autumn change day (07:00Z)", () => {
    const runs = nextRuns(daily8, at("2026-10-24T12:00:00Z"), 2);
    expect(utc(runs)).toEqual(["2026-10-25T07:00", "2026-10-26T07:00"]);
  });

  it("daily 02:30 runs once at 03:00 local on the day 02:30 does not exist", () => {
    const runs = runsBetween(
      { cron: "30 2 * * *", timezone: OSLO },
      at("2026-03-28T12:00Z"),
      at("2026-03-30T12:00Z"),
    );
    expect(local(runs, OSLO)).toEqual(["2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00"]);
  });

  it("daily 02:30 runs once, at the first 02:30 (+02:00), on the day 02:30 happens twice", () => {
    const runs = runsBetween(
      { cron: "30 2 * * *", timezone: OSLO },
      at("2026-10-24T12:00Z"),
      at("2026-10-26T12:00Z"),
    );
    expect(local(runs, OSLO)).toEqual(["2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"]);
    expect(utc(runs)[0]).toBe("2026-10-25T00:30");
  });
});

describe("interval crons through the DST changes in Europe/Oslo", () => {
  it("every 30 minutes runs each local time once in autumn, skipping the repeated hour's second pass", () => {
    const runs = runsBetween(
      { cron: "*/30 * * * *", timezone: OSLO },
      at("2026-10-24T23:45Z"),
      at("2026-10-25T02:45Z"),
    );
    expect(local(runs, OSLO)).toEqual([
      "2026-10-25T02:00+02:00",
      "2026-10-25T02:30+02:00",
      // 02:00 and 02:30 again at +01:00 (01:00Z, 01:30Z) are not run: 90 real minutes without a run.
      "2026-10-25T03:00+01:00",
      "2026-10-25T03:30+01:00",
    ]);
    expect(gaps(runs)).toEqual([30, 90, 30]);
  });

  it("every 30 minutes stays 30 real minutes apart in spring, with one run for the missing hour", () => {
    const runs = runsBetween(
      { cron: "*/30 * * * *", timezone: OSLO },
      at("2026-03-29T00:15Z"),
      at("2026-03-29T02:00Z"),
    );
    expect(local(runs, OSLO)).toEqual([
      "2026-03-29T01:30+01:00",
      "2026-03-29T03:00+02:00",
      "2026-03-29T03:30+02:00",
      "2026-03-29T04:00+02:00",
    ]);
    expect(gaps(runs)).toEqual([30, 30, 30]);
  });

  it("a run moved out of the spring gap can come closer to the next one (documented, not refused)", () => {
    const runs = runsBetween(
      { cron: "30 2,3 * * *", timezone: OSLO },
      at("2026-03-28T12:00Z"),
      at("2026-03-29T12:00Z"),
    );
    expect(local(runs, OSLO)).toEqual(["2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00"]);
  });

  it("hourly runs 02:00 once in autumn, then 03:00 two real hours later", () => {
    const runs = runsBetween(
      { cron: "0 * * * *", timezone: OSLO },
      at("2026-10-24T22:00Z"),
      at("2026-10-25T06:00Z"),
    );
    // An 8-hour window across the change: 8 real hours, 7 runs, because 02:00 +01:00 is skipped.
    expect(utc(runs)).toEqual([
      "2026-10-24T23:00",
      "2026-10-25T00:00",
      "2026-10-25T02:00",
      "2026-10-25T03:00",
      "2026-10-25T04:00",
      "2026-10-25T05:00",
      "2026-10-25T06:00",
    ]);
  });
});

describe("calendar forms", () => {
  it("weekdays 08:00 skips Saturday and Sunday", () => {
    const runs = nextRuns({ cron: "0 8 * * 1-5", timezone: OSLO }, at("2026-03-27T12:00Z"), 3);
    expect(local(runs, OSLO)).toEqual([
      "2026-03-30T08:00+02:00",
      "2026-03-31T08:00+02:00",
      "2026-04-01T08:00+02:00",
    ]);
  });

  it("weekdays accept day names too (mon-fri)", () => {
    const named = nextRuns({ cron: "0 8 * * mon-fri", timezone: OSLO }, at("2026-01-01T00:00Z"), 50);
    expect(named).toEqual(nextRuns({ cron: "0 8 * * 1-5", timezone: OSLO }, at("2026-01-01T00:00Z"), 50));
  });

  it("monthly 1 09:00 runs on the 1st of each month at 09:00 local, summer or winter", () => {
    const runs = nextRuns({ cron: "0 9 1 * *", timezone: OSLO }, at("2026-01-01T12:00Z"), 12);
    expect(local(runs, OSLO).map((s) => s?.slice(5))).toEqual([
      "02-01T09:00+01:00",
      "03-01T09:00+01:00",
      "04-01T09:00+02:00",
      "05-01T09:00+02:00",
      "06-01T09:00+02:00",
      "07-01T09:00+02:00",
      "08-01T09:00+02:00",
      "09-01T09:00+02:00",
      "10-01T09:00+02:00",
      "11-01T09:00+01:00",
      "12-01T09:00+01:00",
      "01-01T09:00+01:00",
    ]);
  });

  it("monthly 31 skips months without a day 31 (cron semantics)", () => {
    const runs = runsBetween(
      { cron: "0 9 31 * *", timezone: OSLO },
      at("2026-01-01T00:00Z"),
      at("2027-01-01T00:00Z"),
    );
    expect(local(runs, OSLO).map((s) => s?.slice(5, 10))).toEqual([
      "01-31",
      "03-31",
      "05-31",
      "07-31",
      "08-31",
      "10-31",
      "12-31",
    ]);
  });

  it("monthly last runs on the last day, 28 or 29 in February", () => {
    const runs = nextRuns({ cron: "0 9 L * *", timezone: OSLO }, at("2028-01-15T00:00Z"), 3);
    expect(local(runs, OSLO).map((s) => s?.slice(0, 10))).toEqual(["2028-01-31", "2028-02-29", "2028-03-31"]);
  });

  it("day-of-month and day-of-week both set run on either (the 1st, and every Monday)", () => {
    const runs = nextRuns({ cron: "0 9 1 * mon", timezone: OSLO }, at("2026-05-28T00:00Z"), 4);
    // 2026-06-01 is a Monday itself; it runs once.
    expect(local(runs, OSLO).map((s) => s?.slice(0, 10))).toEqual([
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
      "2026-06-22",
    ]);
  });

  it("runs on the 1st right after a month rollover with both day fields set (croner 9.1 skips it)", () => {
    const runs = nextRuns({ cron: "0 0 1 * thu", timezone: "UTC" }, at("2034-02-23T12:00Z"), 2);
    // 2034-03-01 is a Wednesday: it runs as the 1st, then on Thursday the 2nd.
    expect(utc(runs)).toEqual(["2034-03-01T00:00", "2034-03-02T00:00"]);
  });

  it("a day-of-month starting with * combines with the weekday (AND), as in Vixie cron", () => {
    const runs = nextRuns({ cron: "0 9 */2 * mon", timezone: "UTC" }, at("2026-03-28T00:00Z"), 3);
    // Mondays on odd dates only: 2026-04-13, 04-27, 05-11.
    expect(utc(runs)).toEqual(["2026-04-13T09:00", "2026-04-27T09:00", "2026-05-11T09:00"]);
  });

  it("a yearly schedule gives as many runs as asked, 20 years ahead", () => {
    const runs = nextRuns({ cron: "0 0 31 1,4 *", timezone: "UTC" }, at("2026-02-01T00:00Z"), 20);
    expect(utc(runs)).toHaveLength(20);
    expect(utc(runs)[19]).toBe("2046-01-31T00:00");
  });

  it("Feb 29 runs only in leap years and skips 2100", () => {
    const runs = nextRuns({ cron: "0 0 29 2 *", timezone: "UTC" }, at("2096-03-01T00:00Z"), 1);
    expect(utc(runs)).toEqual(["2104-02-29T00:00"]);
  });
});

describe("other zones", () => {
  it("America/New_York: 02:30 on the March change runs at 03:00 EDT; 01:30 in November runs at its first (EDT) occurrence", () => {
    const spring = nextRuns({ cron: "30 2 * * *", timezone: "America/New_York" }, at("2026-03-07T12:00Z"), 2);
    expect(local(spring, "America/New_York")).toEqual(["2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00"]);
    const autumn = nextRuns({ cron: "30 1 * * *", timezone: "America/New_York" }, at("2026-10-31T12:00Z"), 2);
    expect(local(autumn, "America/New_York")).toEqual(["2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"]);
  });

  it("America/New_York: daily 08:00 stays at 08:00 local across both changes", () => {
    const zone = "America/New_York";
    expect(utc(nextRuns({ cron: "0 8 * * *", timezone: zone }, at("2026-03-07T14:00Z"), 2))).toEqual([
      "2026-03-08T12:00",
      "2026-03-09T12:00",
    ]);
    expect(utc(nextRuns({ cron: "0 8 * * *", timezone: zone }, at("2026-10-31T14:00Z"), 2))).toEqual([
      "2026-11-01T13:00",
      "2026-11-02T13:00",
    ]);
  });

  it("Australia/Sydney (southern hemisphere): 02:30 moves to 03:00 in October and runs first-occurrence in April", () => {
    const zone = "Australia/Sydney";
    const october = nextRuns({ cron: "30 2 * * *", timezone: zone }, at("2026-10-03T00:00Z"), 1);
    expect(local(october, zone)).toEqual(["2026-10-04T03:00+11:00"]);
    const april = runsBetween(
      { cron: "30 2 * * *", timezone: zone },
      at("2026-04-04T00:00Z"),
      at("2026-04-05T12:00Z"),
    );
    expect(local(april, zone)).toEqual(["2026-04-05T02:30+11:00"]);
    expect(utc(nextRuns({ cron: "0 8 * * *", timezone: zone }, at("2026-04-04T12:00Z"), 1))).toEqual([
      "2026-04-04T22:00",
    ]);
  });

  it("Australia/Lord_Howe's 30-minute change moves 02:15 to 02:30", () => {
    const zone = "Australia/Lord_Howe";
    const runs = nextRuns({ cron: "15 2 * * *", timezone: zone }, at("2026-10-03T00:00Z"), 1);
    expect(local(runs, zone)).toEqual(["2026-10-04T02:30+11:00"]);
  });
});

describe("runsBetween for catch-up after downtime", () => {
  const every15 = { cron: "*/15 * * * *", timezone: OSLO };

  it("lists the 12 quarter-hour runs missed in a 3-hour outage, excluding the start and including the end", () => {
    const runs = runsBetween(every15, at("2026-06-01T09:00Z"), at("2026-06-01T12:00Z"));
    expect(runs).toHaveLength(12);
    expect(utc(runs)[0]).toBe("2026-06-01T09:15");
    expect(utc(runs)[11]).toBe("2026-06-01T12:00");
  });

  it("lists 8 hourly runs in an 8-hour outage, and at most `limit` of them, earliest first", () => {
    const hourly = { cron: "0 * * * *", timezone: OSLO };
    expect(runsBetween(hourly, at("2026-06-01T00:00Z"), at("2026-06-01T08:00Z"))).toHaveLength(8);
    expect(utc(runsBetween(hourly, at("2026-06-01T00:00Z"), at("2026-06-01T08:00Z"), 3))).toEqual([
      "2026-06-01T01:00",
      "2026-06-01T02:00",
      "2026-06-01T03:00",
    ]);
  });

  it("returns nothing for an empty or reversed window", () => {
    expect(runsBetween(every15, at("2026-06-01T09:00Z"), at("2026-06-01T09:00Z"))).toEqual([]);
    expect(runsBetween(every15, at("2026-06-01T10:00Z"), at("2026-06-01T09:00Z"))).toEqual([]);
  });
});

describe("nextRuns", () => {
  it("is strictly after the given instant, even when it is a run time", () => {
    const runs = nextRuns({ cron: "0 8 * * *", timezone: "UTC" }, at("2026-06-01T08:00Z"), 1);
    expect(utc(runs)).toEqual(["2026-06-02T08:00"]);
  });

  it("counts a run a second later than the instant", () => {
    const runs = nextRuns({ cron: "0 8 * * *", timezone: "UTC" }, at("2026-06-01T07:59:59Z"), 1);
    expect(utc(runs)).toEqual(["2026-06-01T08:00"]);
  });

  it("finds a year of every-minute runs quickly (525,600 runs)", () => {
    const started = performance.now();
    const runs = nextRuns({ cron: "* * * * *", timezone: OSLO }, at("2026-01-01T00:00Z"), 525_600);
    expect(runs).toHaveLength(525_600);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
