import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runQuery } from "../../../src/local/placewise-simulator/evaluate.ts";
import { SIM_CLUBS, UsageModel } from "../../../src/local/placewise-simulator/index.ts";
import type { ValidRequest } from "../../../src/local/placewise-simulator/validate.ts";
import {
  AGGREGATIONS,
  type Aggregation,
  type FilterField,
  type Interval,
} from "../../../src/placewise/fields.ts";
import { totalOf } from "../../support/placewise-truth.ts";

const model = new UsageModel({ seed: 7 });
const DAY = 86_400_000;
// Midnight UTC of Monday 2025-08-04 plus whole days: all clubs are long launched by then.
const BASE = Date.parse("2025-08-04T00:00:00Z");
const club = fc.constantFrom(...SIM_CLUBS.filter((c) => c.id !== 1000943));

function request(
  fromMs: number,
  toMs: number,
  interval: Interval,
  aggregateBy: Aggregation | null,
): ValidRequest {
  return { fromMs, toMs, interval, aggregateBy, filter: null };
}

function sum(values: (number | null)[]): number {
  return values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

describe("simulator properties", () => {
  it("any window: the 1h answer, the 5m answer and any aggregation have the same total", () => {
    fc.assert(
      fc.property(
        club,
        fc.integer({ min: 0, max: 27 }),
        fc.integer({ min: 0, max: 11 }),
        fc.constantFrom(null, ...AGGREGATIONS.filter((a) => a !== "member_place_id")),
        (c, day, hour, agg) => {
          // 12 h from a full hour: 144 five-minute buckets, one limit-sized request.
          const from = BASE + day * DAY + hour * 3_600_000;
          const to = from + 12 * 3_600_000;
          const fine = runQuery(model, [c], request(from, to, "5m", agg), Number.POSITIVE_INFINITY, 10_000);
          const hourly = runQuery(
            model,
            [c],
            request(from, to, "1h", null),
            Number.POSITIVE_INFINITY,
            10_000,
          );
          const total = totalOf(model, c.id, from, to);
          expect(fine.series.reduce((a, s) => a + sum(s.values), 0)).toBe(total);
          expect(sum(hourly.series[0]?.values ?? [])).toBe(total);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("equal v + not_equal v + IS NULL covers every usage exactly once", () => {
    const fields: FilterField[] = [
      "offer_id",
      "store_id",
      "collection_id",
      "member_gender",
      "member_age",
      "authorization_type",
    ];
    fc.assert(
      fc.property(
        club,
        fc.integer({ min: 0, max: 27 }),
        fc.constantFrom(...fields),
        fc.nat(),
        (c, day, field, pick) => {
          const from = BASE + day * DAY;
          const to = from + DAY;
          const values: Record<string, readonly (string | number | null)[]> = {
            offer_id: c.offers.map((o) => o.id),
            store_id: c.offers.map((o) => o.storeId),
            collection_id: c.offers.map((o) => o.collectionId),
            member_gender: ["female", "male", "other"],
            member_age: ["18-24", "35-44", "65+"],
            authorization_type: ["qr_code", "manual", "nfc"],
          };
          const options = (values[field] ?? []).filter((v) => v !== null);
          const value = options[pick % options.length] as string | number;
          const count = (type: "equal" | "not_equal", v: string | number | null) =>
            totalOf(model, c.id, from, to, { type, field, value: v });
          expect(count("equal", value) + count("not_equal", value) + count("equal", null)).toBe(
            totalOf(model, c.id, from, to),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
