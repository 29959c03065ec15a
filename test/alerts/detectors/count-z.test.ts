import { describe, expect, it } from "vitest";
import { countZ } from "../../../src/alerts/detectors/count-z.ts";

describe("count z scores", () => {
  it("scores 0 against an expected 2 as ordinary and 0 against an expected 30 as far out", () => {
    expect(countZ(0, 2, 2)).toBeGreaterThan(-1.5);
    expect(countZ(0, 30, 30)).toBeLessThan(-7);
  });

  it("an outage of a big series is not scored milder than one of a small series", () => {
    // e^-100 is a tail of z ≈ -13.9; the normal formula would say (0 - 100) / 10 = -10.
    expect(countZ(0, 100, 100)).toBeLessThan(-13);
    expect(countZ(0, 100, 100)).toBeLessThan(countZ(0, 59, 59));
  });

  it("keeps the normal z near the band for big counts", () => {
    expect(countZ(10_000 - 300, 10_000, 10_000)).toBeCloseTo(-3, 1);
    expect(countZ(130, 100, 100)).toBeCloseTo(3, 0);
  });
});
