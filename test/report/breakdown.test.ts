import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build.ts";
import { at, constant, makeQuery, makeResult } from "./fixtures.ts";

const AFTER = { now: at("2025-08-03T06:00:00Z"), dataLagMinutes: 15 };
const query = (aggregateBy: "member_place_id" | "member_gender" | "authorized") =>
  makeQuery({
    from: "2025-08-01T22:00:00Z",
    to: "2025-08-02T22:00:00Z",
    previousFrom: "2025-07-31T22:00:00Z",
    previousTo: "2025-08-01T22:00:00Z",
    aggregateBy,
  });

describe("breakdown by a label", () => {
  // Place i has 10·i usages (1..12): 780 in all.
  const q = query("member_place_id");
  const twelve = Array.from({ length: 12 }, (_, k) => ({
    label: { member_place_id: k + 1 },
    values: [5 * (k + 1), 5 * (k + 1)],
  }));
  const report = buildReport(makeResult(q, twelve), null, AFTER);

  it("shows the top 5 and folds the other 7 labels into one row", () => {
    const items = report.breakdown?.items ?? [];
    expect(items.map((i) => [i.name, i.total])).toEqual([
      ["place 12", 120],
      ["place 11", 110],
      ["place 10", 100],
      ["place 9", 90],
      ["place 8", 80],
      ["other (7 more)", 280],
    ]);
    expect(items[5]).toMatchObject({ other: true, labels: 7 });
    expect(report.breakdown?.labelCount).toBe(12);
    expect(report.breakdown?.byWords).toBe("member place");
  });

  it("has shares that add up to 100 %", () => {
    const items = report.breakdown?.items ?? [];
    expect(items.reduce((a, i) => a + i.share, 0)).toBeCloseTo(1, 12);
    expect(items[0]?.share).toBeCloseTo(120 / 780, 12);
  });

  it("gives the chart one series per row, and the overall series as their sum", () => {
    expect(report.series.breakdown.map((s) => s.name)).toEqual([
      "place 12",
      "place 11",
      "place 10",
      "place 9",
      "place 8",
      "other (7 more)",
    ]);
    expect(report.series.breakdown[5]?.values.slice(0, 3)).toEqual([140, 140, 0]);
    expect(report.series.values.slice(0, 3)).toEqual([390, 390, 0]);
    expect(report.total).toBe(780);
  });

  it("shows all six labels rather than an 'other' of one", () => {
    const r = buildReport(makeResult(q, twelve.slice(0, 6)), null, AFTER);
    expect(r.breakdown?.items.map((i) => i.name)).toEqual([
      "place 6",
      "place 5",
      "place 4",
      "place 3",
      "place 2",
      "place 1",
    ]);
  });

  it("writes labels in words: unknown for null, authorized or not", () => {
    const gender = buildReport(
      makeResult(query("member_gender"), [
        { label: { member_gender: "female" }, values: [3] },
        { label: { member_gender: null }, values: [1] },
        { label: { member_gender: "male" }, values: [2] },
      ]),
      null,
      AFTER,
    );
    expect(gender.breakdown?.items.map((i) => i.name)).toEqual(["female", "male", "unknown"]);
    const auth = buildReport(
      makeResult(query("authorized"), [
        { label: { authorized: true }, values: [3] },
        { label: { authorized: false }, values: [1] },
      ]),
      null,
      AFTER,
    );
    expect(auth.breakdown?.items.map((i) => i.name)).toEqual(["authorized", "not authorized"]);
    expect(auth.title).toBe("Offer usages per hour by authorization, yesterday, Europe/Oslo");
  });

  it("merges the same label from clubs in different zones into one row", () => {
    const result = makeResult(
      query("member_gender"),
      [
        { label: { loyalty_club_id: 1, member_gender: "female" }, zone: "Europe/Oslo", values: [1, 1] },
        { label: { loyalty_club_id: 2, member_gender: "female" }, zone: "Europe/London", values: [2] },
        { label: { loyalty_club_id: 2, member_gender: "male" }, zone: "Europe/London", values: [4] },
      ],
      { rangeTimezone: "local" },
    );
    const r = buildReport(result, null, AFTER);
    expect(r.breakdown?.items.map((i) => [i.name, i.total])).toEqual([
      ["female", 4],
      ["male", 4],
    ]);
  });

  it("gives every share 0 when nothing happened", () => {
    const r = buildReport(
      makeResult(q, [{ label: { member_place_id: 1 }, values: constant(24, 0) }]),
      null,
      AFTER,
    );
    expect(r.breakdown?.items).toEqual([{ name: "place 1", total: 0, share: 0, other: false, labels: 1 }]);
  });
});
