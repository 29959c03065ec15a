import { describe, expect, it } from "vitest";
import {
  dueBuckets,
  historyNeededMs,
  MAX_CATCH_UP_BUCKETS,
  newestCompleteBucket,
  planAlert,
} from "../../../src/pipeline/alert/plan.ts";

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const ZONE = "Europe/Oslo";
const NOW = Date.parse("2026-06-10T11:14:00Z");

describe("which buckets an alert judges", () => {
  it("the newest complete bucket has ended at least 15 minutes ago", () => {
    expect(newestCompleteBucket(NOW, "1h", ZONE)).toBe(Date.parse("2026-06-10T10:00:00Z") - H);
    expect(newestCompleteBucket(NOW + MIN, "1h", ZONE)).toBe(Date.parse("2026-06-10T10:00:00Z"));
    // 10:55-11:00 ended only 14 minutes before 11:14.
    expect(newestCompleteBucket(NOW, "5m", ZONE)).toBe(Date.parse("2026-06-10T10:50:00Z"));
  });

  it("a new rule starts with the newest complete bucket only, not yesterday's", () => {
    expect(dueBuckets(null, NOW, "1h", ZONE)).toEqual([Date.parse("2026-06-10T09:00:00Z")]);
  });

  it("after a pause it judges every missed bucket in order, at most the newest 48", () => {
    const last = Date.parse("2026-06-10T06:00:00Z");
    expect(dueBuckets(last, NOW, "1h", ZONE)).toEqual([7, 8, 9].map((h) => last + (h - 6) * H));
    expect(dueBuckets(Date.parse("2026-06-10T09:00:00Z"), NOW, "1h", ZONE)).toEqual([]);
    const week = dueBuckets(last - 7 * DAY, NOW, "1h", ZONE);
    expect(week).toHaveLength(MAX_CATCH_UP_BUCKETS);
    expect(week.at(-1)).toBe(Date.parse("2026-06-10T09:00:00Z"));
  });

  it("daily buckets follow the local calendar across the autumn DST change", () => {
    // Sunday 2026-10-25 has 25 hours in Oslo; Monday's bucket starts at local midnight (+01:00).
    const due = dueBuckets(
      Date.parse("2026-10-24T22:00:00Z"),
      Date.parse("2026-10-27T01:00:00Z"),
      "1d",
      ZONE,
    );
    expect(due).toEqual([Date.parse("2026-10-25T23:00:00Z")]);
  });
});

describe("how much history and which bucket size a rule needs", () => {
  it("anomaly reads 8 weeks, `vs last week` a week and a bucket, thresholds the 48 buckets of the chart", () => {
    const rule = (text: string) => planAlert(text, "", ZONE, NOW).rule;
    expect(historyNeededMs(rule("anomaly per 1h"), "1h")).toBe(8 * 7 * DAY + DAY);
    expect(historyNeededMs(rule("drop 40% vs last week per 1h"), "1h")).toBe(7 * DAY + H);
    expect(historyNeededMs(rule("below 5 per 1h"), "1h")).toBe(48 * H);
  });

  it("an anomaly rule per 5m runs per hour: 5-minute data is kept 14 days, it learns from 3+ weeks", () => {
    const plan = planAlert("anomaly per 5m", "", ZONE, NOW);
    expect(plan.interval).toBe("1h");
    expect(plan.askedInterval).toBe("5m");
    expect(plan.intervalNote).toBe(
      "judged per 1h instead of per 5m: 5-minute data is kept for 14 days and this rule learns from 3+ weeks",
    );
  });

  it("a threshold per 5m stays per 5m; no `per` means per hour", () => {
    expect(planAlert("below 5 per 5m", "", ZONE, NOW).interval).toBe("5m");
    expect(planAlert("below 5", "offer_type=birthday", ZONE, NOW)).toMatchObject({
      interval: "1h",
      intervalNote: null,
    });
  });
});
