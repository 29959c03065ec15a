import { describe, expect, it } from "vitest";
import { nabScore, probationLength, scaledSigmoid } from "../../bench/nab-score.ts";

// 1000 rows one minute apart; probation is the first 150 rows.
const times = Array.from({ length: 1000 }, (_, i) => i * 60_000);
const window = { start: times[400] as number, end: times[499] as number };

describe("NAB scoring (standard profile)", () => {
  it("probation is 15 % of the rows, at most 750", () => {
    expect(probationLength(1000)).toBe(150);
    expect(probationLength(15_000)).toBe(750);
  });

  it("the sigmoid matches NAB's documented points", () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 4);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 4);
    expect(scaledSigmoid(0)).toBeCloseTo(0, 6);
    expect(scaledSigmoid(3)).toBe(-1);
  });

  it("an early detection scores about +1, a missed window -1", () => {
    expect(nabScore(times, [times[400] as number], [window]).score).toBeCloseTo(1, 2);
    expect(nabScore(times, [], [window])).toMatchObject({ score: -1, windowsDetected: 0, windows: 1 });
  });

  it("only the best (earliest) detection of a window counts", () => {
    const late = nabScore(times, [times[480] as number], [window]).score;
    const both = nabScore(times, [times[420] as number, times[480] as number], [window]).score;
    expect(both).toBeGreaterThan(late);
    expect(both).toBeCloseTo(nabScore(times, [times[420] as number], [window]).score, 10);
  });

  it("a false alert costs 0.11 before any window, less right after one, nothing in probation", () => {
    const base = nabScore(times, [times[400] as number], [window]).score;
    expect(nabScore(times, [times[400] as number, times[300] as number], [window]).score).toBeCloseTo(
      base - 0.11,
      6,
    );
    const after = nabScore(times, [times[400] as number, times[505] as number], [window]);
    expect(after.falsePositives).toBe(1);
    expect(after.fpCost).toBeGreaterThan(-0.11);
    expect(after.fpCost).toBeLessThan(0);
    expect(nabScore(times, [times[400] as number, times[100] as number], [window]).score).toBeCloseTo(
      base,
      10,
    );
  });
});
