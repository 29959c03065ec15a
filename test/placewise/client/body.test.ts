import { describe, expect, it } from "vitest";
import { buildBody, buildFilter, estimateTokenCost } from "../../../src/placewise/client/body.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";
import { makeQuery } from "./query-fixture.ts";

describe("request body", () => {
  it("writes the documented body with from/to in the query zone's offset", () => {
    const q = makeQuery({
      from: "2025-08-27T00:00",
      to: "2025-08-28T00:00",
      interval: "1h",
      aggregateBy: "member_gender",
      filters: [
        { field: "offer_type", values: ["birthday"] },
        { field: "authorized", values: [true] },
      ],
    });
    const body = buildBody(q, q.range.fromMs, q.range.toMs);
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        report: "offers_usages_history",
        filter: {
          type: "and",
          operations: [
            { type: "equal", field: "offer_type", value: "birthday" },
            { type: "equal", field: "authorized", value: true },
          ],
        },
        aggregate_by: "member_gender",
        interval: "1h",
        from: "2025-08-27T00:00:00.000+02:00",
        to: "2025-08-28T00:00:00.000+02:00",
      }),
    );
  });

  it("sends null without filters and leaves aggregate_by out without aggregation", () => {
    const q = makeQuery({ from: "2025-01-10", to: "2025-01-11", interval: "1d", zone: "Europe/Helsinki" });
    const body = buildBody(q, q.range.fromMs, q.range.toMs);
    expect(body.filter).toBeNull();
    expect("aggregate_by" in body).toBe(false);
    expect(body.from).toBe("2025-01-10T00:00:00.000+02:00");
  });

  it("turns several values of one field into an or of equals, with typed values", () => {
    expect(buildFilter([{ field: "store_id", values: ["12", 13] }])).toEqual({
      type: "or",
      operations: [
        { type: "equal", field: "store_id", value: 12 },
        { type: "equal", field: "store_id", value: 13 },
      ],
    });
    expect(buildFilter([{ field: "authorized", values: ["false"] }])).toEqual({
      type: "equal",
      field: "authorized",
      value: false,
    });
    expect(buildFilter([{ field: "collection_id", values: [null] }])).toEqual({
      type: "equal",
      field: "collection_id",
      value: null,
    });
  });

  it("refuses a value the field cannot take, naming the field", () => {
    expect(() => buildFilter([{ field: "offer_id", values: ["abc"] }])).toThrow(PlacewiseError);
    expect(() => buildFilter([{ field: "offer_id", values: ["abc"] }])).toThrow(
      /offer_id takes a whole number/,
    );
    expect(() => buildFilter([{ field: "authorized", values: ["yes"] }])).toThrow(/true or false/);
  });

  it("estimates tokens as 3 plus the dearer reading of the docs for logical nodes", () => {
    expect(estimateTokenCost(null)).toBe(3);
    expect(estimateTokenCost(buildFilter([{ field: "offer_type", values: ["regular"] }]))).toBe(3);
    const tree = buildFilter([
      { field: "offer_type", values: ["regular", "birthday"] },
      { field: "authorized", values: [true] },
    ]);
    expect(estimateTokenCost(tree)).toBe(3 + 1 + 3);
  });
});
