import { describe, expect, it } from "vitest";
import {
  formatAverage,
  formatChange,
  formatCount,
  formatPercent,
  formatShare,
  shareBar,
} from "../../templates/format.ts";

describe("number formatting", () => {
  it("separates thousands with commas", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12_345)).toBe("12,345");
    expect(formatCount(1_234_567)).toBe("1,234,567");
  });

  it("writes percentages with one decimal under 10 % and whole numbers above", () => {
    expect(formatPercent(3.44)).toBe("3.4%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(9.96)).toBe("10%");
    expect(formatPercent(25)).toBe("25%");
    expect(formatPercent(-12.6)).toBe("13%");
    expect(formatPercent(1234.4)).toBe("1,234%");
    expect(formatShare(0.034)).toBe("3.4%");
    expect(formatShare(120 / 780)).toBe("15%");
  });

  it("shows a change with an arrow and a sign", () => {
    expect(formatChange({ direction: "up", percent: 25 })).toBe("▲ +25%");
    expect(formatChange({ direction: "down", percent: -4.1667 })).toBe("▼ -4.2%");
    expect(formatChange({ direction: "flat", percent: 0.01 })).toBe("→ 0.0%");
    expect(formatChange({ direction: "new", percent: null })).toBe("▲ new");
  });

  it("keeps a decimal on small averages", () => {
    expect(formatAverage(3.92)).toBe("3.9");
    expect(formatAverage(13.75)).toBe("14");
    expect(formatAverage(12_345.4)).toBe("12,345");
  });

  it("draws a share bar of ten cells", () => {
    expect(shareBar(0.5)).toBe("█████░░░░░");
    expect(shareBar(0)).toBe("░░░░░░░░░░");
    expect(shareBar(1.2)).toBe("██████████");
  });
});
