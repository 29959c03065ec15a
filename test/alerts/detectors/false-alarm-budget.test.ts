/**
 * The promise of a sensitivity: on a long stationary series the detector, fitting its own model,
 * alarms no more often than its budget of false alerts a week, within sampling error. Seeded
 * Poisson and negative-binomial (a gamma factor shared by each day, φ = 0.01) series of 40 weeks;
 * a budget of 1 a week, so the count is large enough to test (tolerance: 3 Poisson standard errors).
 */
import { describe, expect, it } from "vitest";
import { nullRun } from "../../../bench/anomaly-calibrate.ts";

describe("false alarms on stationary counts", () => {
  it.each([
    { rate: 20, phi: 0, seed: 3 },
    { rate: 3, phi: 0, seed: 4 },
    { rate: 20, phi: 0.01, seed: 5 },
  ])("stay within a budget of 1 a week (mean $rate an hour, φ $phi)", ({ rate, phi, seed }) => {
    const r = nullRun({ rate, phi, weeks: 40, seed, perWeek: 1, oracle: false });
    const allowed = r.weeks + 3 * Math.sqrt(r.weeks);
    expect(r.alarms).toBeLessThanOrEqual(allowed);
  });

  it("fed the true mean, alarms at about the budget where counts are large (the calibration)", () => {
    const r = nullRun({ rate: 200, phi: 0, weeks: 100, seed: 6, perWeek: 1, oracle: true });
    const perWeek = r.alarms / r.weeks;
    expect(perWeek).toBeGreaterThan(0.5);
    expect(perWeek).toBeLessThan(1.5);
  });
});
