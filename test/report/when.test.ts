import { describe, expect, it } from "vitest";
import {
  bucketLabel,
  calendarDays,
  isRepeatedLocalTime,
  rangeInWords,
  whenInWords,
} from "../../src/report/when.ts";
import { at, OSLO } from "./fixtures.ts";

const WEEK = 7 * 86_400_000;

describe("local time in words", () => {
  it("knows which local times happen twice when clocks go back", () => {
    expect(isRepeatedLocalTime(at("2026-10-25T00:00:00Z"), OSLO)).toBe(true); // 02:00 +02:00
    expect(isRepeatedLocalTime(at("2026-10-25T01:00:00Z"), OSLO)).toBe(true); // 02:00 +01:00
    expect(isRepeatedLocalTime(at("2026-10-25T01:55:00Z"), OSLO)).toBe(true); // 02:55 +01:00
    expect(isRepeatedLocalTime(at("2026-10-25T02:00:00Z"), OSLO)).toBe(false); // 03:00
    expect(isRepeatedLocalTime(at("2026-10-24T23:00:00Z"), OSLO)).toBe(false); // 01:00
    expect(isRepeatedLocalTime(at("2026-03-29T01:00:00Z"), OSLO)).toBe(false); // 03:00 after the gap
    expect(isRepeatedLocalTime(at("2026-10-25T01:00:00Z"), "UTC")).toBe(false);
  });

  it("labels buckets by interval, with the date once a range is longer than a week", () => {
    const sat14 = at("2025-08-02T12:00:00Z");
    expect(bucketLabel(sat14, "1h", OSLO, WEEK)).toBe("Sat 14:00");
    expect(bucketLabel(sat14, "5m", OSLO, 30 * 86_400_000)).toBe("Sat 2025-08-02 14:00");
    expect(bucketLabel(at("2025-08-01T22:00:00Z"), "1d", OSLO, WEEK)).toBe("Sat 2025-08-02");
    expect(bucketLabel(at("2025-07-27T22:00:00Z"), "1w", OSLO, WEEK)).toBe("week of 2025-07-28");
    expect(bucketLabel(at("2025-07-31T22:00:00Z"), "1mo", OSLO, WEEK)).toBe("August 2025");
  });

  it("writes whole-day ranges by their last included day", () => {
    expect(rangeInWords(at("2025-07-31T22:00:00Z"), at("2025-08-26T22:00:00Z"), OSLO)).toBe(
      "2025-08-01 to 2025-08-26",
    );
    expect(rangeInWords(at("2025-08-01T22:00:00Z"), at("2025-08-02T22:00:00Z"), OSLO)).toBe("2025-08-02");
    expect(rangeInWords(at("2025-08-01T08:00:00Z"), at("2025-08-02T08:00:00Z"), OSLO)).toBe(
      "2025-08-01 10:00 to 2025-08-02 10:00",
    );
    expect(rangeInWords(at("2025-08-02T06:00:00Z"), at("2025-08-02T08:00:00Z"), OSLO)).toBe(
      "2025-08-02 08:00 to 10:00",
    );
  });

  it("counts DST days as one calendar day and partial days by their share", () => {
    expect(calendarDays(at("2026-10-24T22:00:00Z"), at("2026-10-25T23:00:00Z"), OSLO)).toBe(1);
    expect(calendarDays(at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"), OSLO)).toBe(1);
    expect(calendarDays(at("2025-08-01T22:00:00Z"), at("2025-08-02T10:00:00Z"), OSLO)).toBe(0.5);
    // 12 h of the 25 h day: 12/25
    expect(calendarDays(at("2026-10-24T22:00:00Z"), at("2026-10-25T10:00:00Z"), OSLO)).toBeCloseTo(
      12 / 25,
      12,
    );
    expect(calendarDays(at("2025-07-31T22:00:00Z"), at("2025-08-07T22:00:00Z"), OSLO)).toBe(7);
  });
});

describe("whenInWords", () => {
  it("says a run time plainly, and gives the offset only in the repeated hour", () => {
    expect(whenInWords(Date.parse("2026-11-26T07:00:00Z"), "Europe/Oslo")).toBe("Thu 26 Nov 08:00");
    expect(whenInWords(Date.parse("2026-10-25T00:30:00Z"), "Europe/Oslo")).toBe("Sun 25 Oct 02:30 (+02:00)");
    expect(whenInWords(Date.parse("2026-10-25T01:30:00Z"), "Europe/Oslo")).toBe("Sun 25 Oct 02:30 (+01:00)");
    // Next to the spring gap nothing repeats: no offset.
    expect(whenInWords(Date.parse("2026-03-29T01:00:00Z"), "Europe/Oslo")).toBe("Sun 29 Mar 03:00");
  });
});
