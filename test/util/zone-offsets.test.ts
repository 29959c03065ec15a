import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { installZoneOffsetMemo, luxonOffset } from "../../src/util/zone-offsets.ts";

const ZONES = [
  "Europe/Oslo",
  "Europe/Helsinki",
  "America/St_Johns",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "America/Sao_Paulo",
  "UTC",
];

describe("the remembered zone offsets", () => {
  installZoneOffsetMemo();

  it("equal luxon's own at any millisecond from 1970 to 2040, in zones with odd offsets and transitions", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: Date.UTC(2040, 0, 1) }),
        (name, ts) => {
          const zone = IANAZone.create(name);
          expect(zone.offset(ts)).toBe(luxonOffset.call(zone, ts));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("follow every minute around a DST change, before the first call and after", () => {
    const oslo = IANAZone.create("Europe/Oslo");
    const change = Date.UTC(2026, 2, 29, 1, 0); // 02:00 local: clocks go forward to 03:00
    for (let ts = change - 120 * 60_000; ts <= change + 120 * 60_000; ts += 30_000) {
      expect(oslo.offset(ts)).toBe(luxonOffset.call(oslo, ts));
    }
    expect(oslo.offset(change - 1)).toBe(60);
    expect(oslo.offset(change)).toBe(120);
    // What the rest of the code sees: local wall times on both sides.
    expect(DateTime.fromMillis(change - 1, { zone: "Europe/Oslo" }).toFormat("HH:mm")).toBe("01:59");
    expect(DateTime.fromMillis(change, { zone: "Europe/Oslo" }).toFormat("HH:mm")).toBe("03:00");
  });

  it("leaves times before 1970 and invalid ones to luxon", () => {
    const zone = IANAZone.create("Europe/Oslo");
    expect(zone.offset(-2_000_000_000_000)).toBe(luxonOffset.call(zone, -2_000_000_000_000));
    expect(zone.offset(Number.NaN)).toBeNaN();
  });
});
