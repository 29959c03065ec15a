import { describe, expect, it } from "vitest";
import { historyPlan, lastCompleteIndex } from "../../src/alerts/history.ts";
import { parseRule } from "../../src/alerts/rules.ts";

const NOW = Date.parse("2026-03-10T12:20:00Z");
const DAY = 86_400_000;

describe("historyPlan", () => {
  it("evaluates an anomaly rule on 5m at 1h, because 5m data is kept only 14 days", () => {
    const plan = historyPlan(parseRule("anomaly per 5m").rule, "5m", NOW, "Europe/Oslo");
    expect(plan.interval).toBe("1h");
    expect(NOW - plan.fromMs).toBeGreaterThanOrEqual(56 * DAY);
  });

  it("keeps a threshold rule on its own interval with a short look-back", () => {
    const plan = historyPlan(parseRule("below 5 per 5m for 3").rule, "1h", NOW, "Europe/Oslo");
    expect(plan.interval).toBe("5m");
    expect(NOW - plan.fromMs).toBeLessThan(DAY);
  });

  it("fetches a week and a bit for drop vs last week", () => {
    const plan = historyPlan(parseRule("drop 40% vs last week").rule, "1h", NOW, "Europe/Oslo");
    expect(plan.interval).toBe("1h");
    expect(NOW - plan.fromMs).toBeGreaterThan(7 * DAY);
  });
});

describe("lastCompleteIndex", () => {
  it("never judges the bucket that is still filling", () => {
    const times = [10, 11, 12].map((h) => Date.parse(`2026-03-10T${h}:00:00Z`));
    expect(lastCompleteIndex(times, "1h", NOW, "UTC")).toBe(1);
    expect(lastCompleteIndex(times, "1h", Date.parse("2026-03-10T13:00:00Z"), "UTC")).toBe(2);
    expect(lastCompleteIndex(times, "1h", Date.parse("2026-03-10T10:59:00Z"), "UTC")).toBe(-1);
  });
});
