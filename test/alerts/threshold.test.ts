import { describe, expect, it } from "vitest";
import { evaluateSeries } from "../../src/alerts/evaluate.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { alertTimes, hourly, local, TZ } from "./series-helpers.ts";

/** Two days of a shop: 20 usages an hour from 10:00 to 21:00, nothing at night. */
function shopDays(): { times: number[]; values: number[] } {
  const times = hourly("2026-03-02", 48);
  const values = times.map((t) => {
    const h = Number(local(t).slice(11, 13));
    return h >= 10 && h < 21 ? 20 : 0;
  });
  return { times, values };
}

describe("below / above", () => {
  it("fires every night without active hours, and never on night zeros with hours=10:00-21:00", () => {
    const { times, values } = shopDays();
    expect(alertTimes("below 5 per 1h cooldown=0m", times, values)).toEqual([
      "2026-03-02 00:00",
      "2026-03-02 21:00",
      "2026-03-03 21:00",
    ]);
    expect(alertTimes("below 5 per 1h hours=10:00-21:00", times, values)).toEqual([]);
  });

  it("fires when the scanner breaks during opening hours", () => {
    const { times, values } = shopDays();
    values[24 + 14] = 0; // Tuesday 14:00
    values[24 + 15] = 1;
    expect(alertTimes("below 5 per 1h hours=10:00-21:00", times, values)).toEqual(["2026-03-03 14:00"]);
  });

  it("with for 3 waits for the third breaching bucket in a row", () => {
    const { times, values } = shopDays();
    for (const h of [12, 13]) values[h] = 0; // two low hours: not enough
    for (const h of [24 + 12, 24 + 13, 24 + 14, 24 + 15]) values[h] = 0;
    expect(alertTimes("below 5 per 1h for 3 hours=10:00-21:00", times, values)).toEqual(["2026-03-03 14:00"]);
  });

  it("skips days outside days=mon-fri", () => {
    const times = hourly("2026-03-07", 24); // a Saturday
    const values = times.map(() => 0);
    expect(alertTimes("below 5 per 1h days=mon-fri", times, values)).toEqual([]);
    expect(alertTimes("below 5 per 1h days=sat", times, values)).toEqual(["2026-03-07 00:00"]);
  });

  it("above fires on a campaign hour and shows the threshold as the band's top", () => {
    const { times, values } = shopDays();
    values[12] = 80;
    expect(alertTimes("above 50 per 1h", times, values)).toEqual(["2026-03-02 12:00"]);
    const ev = evaluateSeries(parseRule("above 50").rule, { times, values }, TZ)[12];
    expect(ev).toMatchObject({ value: 80, high: 50, low: null, breach: true, recovered: false });
  });

  it("needs the count 10 % past the threshold to count as recovered", () => {
    const times = hourly("2026-03-02", 3);
    const evs = evaluateSeries(parseRule("below 50").rule, { times, values: [49, 52, 56] }, TZ);
    expect(evs.map((e) => [e.breach, e.recovered])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });
});
