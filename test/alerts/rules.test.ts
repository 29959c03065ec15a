import { describe, expect, it } from "vitest";
import { describeRule } from "../../src/alerts/describe.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { InputError } from "../../src/util/errors.ts";

describe("parseRule", () => {
  it("reads a threshold rule and hands the query words back", () => {
    const { rule, rest } = parseRule("below 5 per 1h offer_type=birthday");
    expect(rule).toMatchObject({ kind: "below", value: 5, interval: "1h", for: 1 });
    expect(rest).toEqual(["offer_type=birthday"]);
  });

  it("reads every option: for, hours, days, cooldown, renotify", () => {
    const { rule, rest } = parseRule(
      "above 100 per 5m for 3 hours=10:00-21:00 days=mon-sat cooldown=2h renotify=off",
    );
    expect(rule).toMatchObject({
      kind: "above",
      value: 100,
      interval: "5m",
      for: 3,
      hours: { from: 600, to: 1260 },
      days: [1, 2, 3, 4, 5, 6],
      cooldownMs: 7_200_000,
      renotifyMs: 0,
    });
    expect(rest).toEqual([]);
  });

  it("reads drop and rise against the previous bucket or last week", () => {
    expect(parseRule("drop 40% vs last week per 1h").rule).toMatchObject({
      kind: "drop",
      percent: 40,
      versus: "last_week",
    });
    expect(parseRule("rise 50% vs previous").rule).toMatchObject({
      kind: "rise",
      percent: 50,
      versus: "previous",
    });
    expect(parseRule("drop 30%").rule.versus).toBe("previous");
  });

  it("reads anomaly with sensitivity and direction, defaulting to medium and both", () => {
    expect(parseRule("anomaly per 1h").rule).toMatchObject({
      kind: "anomaly",
      sensitivity: "medium",
      direction: "both",
    });
    const { rule } = parseRule("anomaly sensitivity=high direction=low per 1h gender=female");
    expect(rule).toMatchObject({ sensitivity: "high", direction: "low" });
  });

  it("accepts wrapping days and hours and day lists", () => {
    expect(parseRule("below 1 days=sat-mon").rule.days).toEqual([1, 6, 7]);
    expect(parseRule("below 1 days=mon,wed,fri").rule.days).toEqual([1, 3, 5]);
    expect(parseRule("below 1 hours=22-06").rule.hours).toEqual({ from: 1320, to: 360 });
  });

  it.each([
    ["belw 5", /"belw" does not start an alert rule.*below N per I/],
    ["below x", /"below x" needs a number/],
    ["below 0", /at least 1/],
    ["drop 140%", /at most 100%/],
    ["below 5 for 0", /"for 0" needs a number of at least 1/],
    ["below 5 per 3h", /one of 5m, 1h, 1d, 1w, 1mo/],
    ["below 5 hours=25:00-26:00", /hours=10:00-21:00/],
    ["below 5 days=mon-funday", /"fun" is not a weekday|"funday" is not a weekday/],
    ["below 5 cooldown=soon", /cooldown=4h/],
    ["anomaly sensitivity=extreme", /sensitivity must be one of low, medium, high/],
    ["below 5 sensitivity=high", /only applies to "anomaly"/],
    ["drop 30% vs yesterday", /"vs previous" or "vs last week"/],
  ])("refuses %j naming the wrong word and the right form", (text, message) => {
    expect(() => parseRule(text)).toThrow(InputError);
    expect(() => parseRule(text)).toThrow(message);
  });
});

describe("describeRule", () => {
  it("says a rule in words with its hours and days", () => {
    const { rule } = parseRule("below 5 per 1h hours=10:00-21:00 days=mon-sat");
    expect(describeRule(rule)).toBe("fewer than 5 usages per hour for 1 bucket, 10:00–21:00 Mon–Sat");
  });

  it("describes change and anomaly rules", () => {
    expect(describeRule(parseRule("drop 40% vs last week per 1h for 2").rule)).toBe(
      "usage per hour drops 40% or more vs the same time last week for 2 buckets in a row",
    );
    expect(describeRule(parseRule("anomaly direction=low per 1d").rule)).toBe(
      "usage per day is abnormally low (medium sensitivity) for 1 bucket",
    );
  });
});
