import { describe, expect, it } from "vitest";
import { evaluateSeries } from "../../src/alerts/evaluate.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { alertTimes, hourly, local, TZ } from "./series-helpers.ts";

describe("drop / rise", () => {
  it("drop vs previous fires when an hour falls 40 % below the hour before", () => {
    const times = hourly("2026-03-02", 6);
    expect(alertTimes("drop 40% vs previous", times, [50, 48, 52, 30, 31, 50])).toEqual(["2026-03-02 03:00"]);
  });

  it("drop vs previous says it cannot judge the first bucket", () => {
    const times = hourly("2026-03-02", 2);
    const [first] = evaluateSeries(parseRule("drop 40%").rule, { times, values: [50, 10] }, TZ);
    expect(first).toMatchObject({ learning: true, breach: false });
  });

  it("drop vs last week compares with the same local hour a week before, not with the hour before", () => {
    // Week 1: Mondays are busy (60), Tuesdays quiet (20); week 2 the same, except Monday 12:00 drops to 30.
    const times = hourly("2026-03-02", 24 * 14);
    const values = times.map((t): number =>
      local(t).startsWith("2026-03-02") || local(t).startsWith("2026-03-09") ? 60 : 20,
    );
    values[24 * 7 + 12] = 30;
    expect(alertTimes("drop 40% vs last week", times, values)).toEqual(["2026-03-09 12:00"]);
    // Against the hour before, every Monday→Tuesday midnight would have looked like a drop.
    expect(alertTimes("drop 40% vs previous cooldown=0m", times, values)).toContain("2026-03-03 00:00");
  });

  it("drop vs last week lines up local hours across the October DST change", () => {
    // 2026-10-25 has 25 hours in Oslo. A week later, 12:00 must be compared with 12:00, not 11:00.
    const times = hourly("2026-10-24", 24 * 9 + 1);
    const values = times.map((t) => (local(t).slice(11, 13) === "12" ? 100 : 10));
    const evs = evaluateSeries(parseRule("drop 40% vs last week").rule, { times, values }, TZ);
    const noonAfter = evs.find((e) => local(e.at) === "2026-11-01 12:00");
    expect(noonAfter).toMatchObject({ expected: 100, breach: false });
  });

  it("rise fires on a doubled hour and treats growth from 0 as a rise", () => {
    const times = hourly("2026-03-02", 6);
    expect(alertTimes("rise 100% vs previous cooldown=0m", times, [10, 21, 20, 19, 0, 3])).toEqual([
      "2026-03-02 01:00",
      "2026-03-02 05:00",
    ]);
  });
});
