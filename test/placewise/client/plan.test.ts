import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planRequests, queryGrid, splitInHalves } from "../../../src/placewise/client/plan.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";
import { makeQuery, ms } from "./query-fixture.ts";

describe("planRequests", () => {
  it("splits 30 days of hours into requests of at most 150 buckets with no gap or overlap", () => {
    const q = makeQuery({ from: "2025-08-01T00:00", to: "2025-08-31T00:00", interval: "1h" });
    const plan = planRequests(q);
    expect(plan.map((r) => r.buckets.length)).toEqual([144, 144, 144, 144, 144]);
    expect(plan[0]?.fromMs).toBe(q.range.fromMs);
    expect(plan.at(-1)?.toMs).toBe(q.range.toMs);
    for (let i = 1; i < plan.length; i++) expect(plan[i]?.fromMs).toBe(plan[i - 1]?.toMs);
    expect(plan.flatMap((r) => r.buckets)).toEqual(queryGrid(q));
  });

  it("keeps request ends on bucket boundaries across the October DST change (25-hour day)", () => {
    const q = makeQuery({ from: "2025-10-20", to: "2026-04-01", interval: "1d" });
    const plan = planRequests(q);
    expect(plan.length).toBe(2);
    const grid = new Set(queryGrid(q));
    for (const r of plan) {
      expect(grid.has(r.fromMs)).toBe(true);
      expect(grid.has(r.toMs) || r.toMs === q.range.toMs).toBe(true);
    }
  });

  it("asks only for the buckets it does not have, joining nearby gaps into one request", () => {
    const q = makeQuery({ from: "2025-08-01T00:00", to: "2025-08-08T00:00", interval: "1h" });
    const grid = queryGrid(q);
    const missing = new Set([grid[10], grid[11], grid[40], grid.at(-1)]);
    const plan = planRequests(q, { have: (b) => !missing.has(b) });
    // Buckets 10..167 are 158 > 150: two requests, the first covering 10..40 (re-reading 12..39).
    expect(plan.map((r) => [grid.indexOf(r.fromMs), r.buckets.length])).toEqual([
      [10, 31],
      [167, 1],
    ]);
  });

  it("sends nothing when every bucket is known", () => {
    const q = makeQuery({ from: "2025-08-01T00:00", to: "2025-08-02T00:00", interval: "1h" });
    expect(planRequests(q, { have: () => true })).toEqual([]);
  });

  it("covers any range exactly once with requests of at most 150 buckets", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom("5m" as const, "1h" as const, "1d" as const),
        (startMin, lenUnits, interval) => {
          const fromMs = ms("2025-09-01T00:00") + startMin * 60_000;
          const unit = { "5m": 300_000, "1h": 3_600_000, "1d": 86_400_000 }[interval];
          const q = { ...makeQuery({ from: "2025-09-01", to: "2025-09-02", interval }) };
          const query = {
            ...q,
            range: { ...q.range, fromMs, toMs: fromMs + Math.min(lenUnits, 400) * unit },
          };
          const plan = planRequests(query);
          expect(plan.every((r) => r.buckets.length >= 1 && r.buckets.length <= 150)).toBe(true);
          expect(plan.flatMap((r) => r.buckets)).toEqual(queryGrid(query));
          for (let i = 1; i < plan.length; i++) expect(plan[i]?.fromMs).toBe(plan[i - 1]?.toMs);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a query of more than 20 000 buckets with a message naming a coarser interval", () => {
    const q = makeQuery({ from: "2025-01-01", to: "2025-12-31", interval: "5m" });
    expect(() => planRequests(q)).toThrow(PlacewiseError);
    expect(() => planRequests(q)).toThrow(/coarser interval/);
  });
});

describe("splitInHalves", () => {
  it("splits a cut request into two contiguous halves and cannot split a single bucket", () => {
    const q = makeQuery({ from: "2025-08-01T00:00", to: "2025-08-01T05:00", interval: "1h" });
    const [r] = planRequests(q);
    const halves = splitInHalves(r as NonNullable<typeof r>);
    expect(halves?.map((h) => h.buckets.length)).toEqual([2, 3]);
    expect(halves?.[0].toMs).toBe(halves?.[1].fromMs);
    expect(splitInHalves({ fromMs: 0, toMs: 1, buckets: [0] })).toBeNull();
  });
});
