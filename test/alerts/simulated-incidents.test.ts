import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { mallSeries } from "../../bench/mall-series.ts";
import { simSeries } from "../../bench/sim-series.ts";
import { backtest } from "../../src/alerts/backtest.ts";
import { parseRule } from "../../src/alerts/rules.ts";
import { TZ } from "./series-helpers.ts";

const HOUR = 3_600_000;
const anomaly = parseRule("anomaly").rule;

function at(localTime: string, tz = TZ): number {
  return DateTime.fromFormat(localTime, "yyyy-MM-dd HH:mm", { zone: tz }).toMillis();
}

describe("anomaly rule on incidents injected into the simulator", () => {
  it("names the first or second bucket of every injected outage of a club total", () => {
    const s = simSeries({ seed: 2, clubId: 1000942, weeks: 10 });
    const alerts = backtest(anomaly, s, s.tz, s.stepMs).map((a) => a.at);
    const outages = s.incidents.filter((x) => x.kind === "outage");
    expect(outages.length).toBeGreaterThan(5);
    for (const x of outages) {
      expect(alerts.some((t) => t >= x.start && t < x.start + 2 * HOUR)).toBe(true);
    }
  });

  it("a week of outages does not widen the band enough to hide the next one", () => {
    // Noisy mall, seed 8: outages on Fri 18, Sat 19, Mon 21 and Thu 24 September put four of the
    // last seven days 20-50 % low; the 6 h outage on Sat 26 September from 12:00 must still fire.
    const s = mallSeries({ seed: 8, weeks: 12 });
    const outages = s.incidents.filter((x) => x.kind === "outage").map((x) => x.start);
    expect(outages).toEqual(
      expect.arrayContaining(
        ["2026-09-18 10:00", "2026-09-19 11:00", "2026-09-21 11:00", "2026-09-24 14:00"].map((t) => at(t)),
      ),
    );
    const start = at("2026-09-26 12:00");
    const alerts = backtest(anomaly, s, s.tz, HOUR).map((a) => a.at);
    expect(alerts.some((t) => t >= start && t < start + 2 * HOUR)).toBe(true);
  });
});
