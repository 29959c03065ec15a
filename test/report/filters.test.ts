import { describe, expect, it } from "vitest";
import { clubsInWords, filtersInWords } from "../../src/report/filters.ts";

describe("filters in words", () => {
  it("says offer types and genders as a person would", () => {
    expect(
      filtersInWords([
        { field: "offer_type", values: ["birthday", "welcome"] },
        { field: "member_gender", values: ["female"] },
      ]),
    ).toBe("birthday or welcome offers, women");
  });

  it("writes ids, ages, authorization and unknown values", () => {
    expect(filtersInWords([{ field: "offer_id", values: [12] }])).toBe("offer 12");
    expect(filtersInWords([{ field: "store_id", values: [1, 2, 3] }])).toBe("stores 1, 2 or 3");
    expect(filtersInWords([{ field: "member_age", values: ["18-24", "25-34"] }])).toBe("age 18-24 or 25-34");
    expect(filtersInWords([{ field: "authorized", values: [false] }])).toBe("not authorized usages");
    expect(filtersInWords([{ field: "authorization_type", values: ["qr_code"] }])).toBe(
      "QR code authorization",
    );
    expect(filtersInWords([{ field: "member_gender", values: [null, "x"] }])).toBe(
      "unknown gender or gender x",
    );
    expect(filtersInWords([{ field: "offer_type", values: ["carbon_offset_item"] }])).toBe(
      "carbon offset item offers",
    );
    expect(filtersInWords([])).toBe("");
  });

  it("lists ten values of a long list and counts the rest", () => {
    const ids = Array.from({ length: 500 }, (_, i) => 1000 + i);
    expect(filtersInWords([{ field: "offer_id", values: ids }])).toBe(
      "offers 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009 and 490 more",
    );
  });

  it("names the clubs of the X-Customer header", () => {
    expect(clubsInWords(null)).toBeNull();
    expect(clubsInWords("id=1000941")).toBe("club 1000941");
    expect(clubsInWords("id=1_2_3")).toBe("clubs 1, 2 and 3");
    expect(clubsInWords("all=all")).toBe("all clubs");
  });
});
