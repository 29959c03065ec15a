import { describe, expect, it } from "vitest";
import { parseSeriesCsv } from "../../src/alerts/csv.ts";
import { InputError } from "../../src/util/errors.ts";

describe("parseSeriesCsv", () => {
  it("reads the NAB layout as UTC wall time and infers the bucket size", () => {
    const s = parseSeriesCsv(
      "timestamp,value\n2014-07-01 00:00:00,10844\n2014-07-01 00:30:00,8127\n2014-07-01 01:00:00,6210\n",
    );
    expect(s.times[0]).toBe(Date.parse("2014-07-01T00:00:00Z"));
    expect(s.values).toEqual([10844, 8127, 6210]);
    expect(s.stepMs).toBe(30 * 60_000);
  });

  it("reads zone-less timestamps as wall time in --tz", () => {
    const s = parseSeriesCsv("2026-03-02 10:00:00,1\n2026-03-02 11:00:00,2\n", "Europe/Oslo");
    expect(new Date(s.times[0] as number).toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("names the line and the right form for a bad row", () => {
    expect(() => parseSeriesCsv("timestamp,value\n2014-07-01 00:00:00,1\nyesterday,4\n")).toThrow(
      /line 3 "yesterday,4" is not "timestamp,count"/,
    );
    expect(() => parseSeriesCsv("2014-07-01 01:00:00,1\n2014-07-01 00:00:00,4\n")).toThrow(InputError);
    expect(() => parseSeriesCsv("2014-07-01 01:00:00,1\n", "Mars/Base")).toThrow(
      /Unknown timezone "Mars\/Base"/,
    );
  });
});
