import { describe, expect, it } from "vitest";
import { mergeOntoGrid, sparseFromResponse } from "../../../src/placewise/client/merge.ts";
import type { ApiResponse } from "../../../src/placewise/client/response.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";
import { makeQuery, ms } from "./query-fixture.ts";

const q = makeQuery({
  from: "2025-08-27T09:00",
  to: "2025-08-27T13:00",
  interval: "1h",
  aggregateBy: "member_gender",
});
const window = { fromMs: q.range.fromMs, toMs: q.range.toMs };

function answer(
  time_buckets: string[],
  series: ApiResponse["series"],
  range_timezone = "Europe/Oslo",
): ApiResponse {
  return { interval: "1h", range_timezone, time_buckets, series, data_points: 0, result_type: "timeseries" };
}

describe("mergeOntoGrid", () => {
  it("lays a sparse answer on the full grid with zeros, biggest series first", () => {
    const res = answer(
      ["2025-08-27T10:00:00.000+02:00", "2025-08-27T12:00:00.000+02:00"],
      [
        { label: { member_gender: "female" }, values: [2, null] },
        { label: { member_gender: "male" }, values: [1, 4] },
      ],
    );
    const series = mergeOntoGrid(q, "Europe/Oslo", sparseFromResponse(res, q, window));
    expect(series.map((s) => [s.label, s.values])).toEqual([
      [{ member_gender: "male" }, [0, 1, 0, 4]],
      [{ member_gender: "female" }, [0, 2, 0, 0]],
    ]);
    expect(series[0]?.times).toEqual([
      ms("2025-08-27T09:00"),
      ms("2025-08-27T10:00"),
      ms("2025-08-27T11:00"),
      ms("2025-08-27T12:00"),
    ]);
  });

  it("matches series across requests by label whatever the key order", () => {
    const a = answer(
      ["2025-08-27T09:00:00.000+02:00"],
      [{ label: { member_gender: "x", n: 1 }, values: [5] }],
    );
    const b = answer(
      ["2025-08-27T12:00:00.000+02:00"],
      [{ label: { n: 1, member_gender: "x" }, values: [7] }],
    );
    const series = mergeOntoGrid(q, "Europe/Oslo", [
      ...sparseFromResponse(a, q, { fromMs: window.fromMs, toMs: ms("2025-08-27T11:00") }),
      ...sparseFromResponse(b, q, { fromMs: ms("2025-08-27T11:00"), toMs: window.toMs }),
    ]);
    expect(series).toHaveLength(1);
    expect(series[0]?.values).toEqual([5, 0, 0, 7]);
  });

  it("orders equal totals by label so runs never swap them", () => {
    const res = answer(
      ["2025-08-27T09:00:00.000+02:00"],
      [
        { label: { member_gender: "male" }, values: [1] },
        { label: { member_gender: "female" }, values: [1] },
      ],
    );
    const series = mergeOntoGrid(q, "Europe/Oslo", sparseFromResponse(res, q, window));
    expect(series.map((s) => s.label.member_gender)).toEqual(["female", "male"]);
  });

  it("returns one zero series for a query without aggregation and no usages", () => {
    const plain = { ...q, aggregateBy: null };
    const series = mergeOntoGrid(plain, "Europe/Oslo", sparseFromResponse(answer([], []), plain, window));
    expect(series).toEqual([
      { label: {}, timezone: "Europe/Oslo", times: expect.any(Array), values: [0, 0, 0, 0] },
    ]);
  });

  it("lays each club of a 'local' answer on its own zone's grid", () => {
    const plain = { ...q, aggregateBy: null };
    const res = answer(
      ["2025-08-27T09:00:00.000", "2025-08-27T13:00:00.000"],
      [
        { label: { loyalty_club_id: 1 }, timezone: "Europe/Oslo", values: [3, null] },
        { label: { loyalty_club_id: 2 }, timezone: "Europe/Helsinki", values: [null, 4] },
      ],
      "local",
    );
    const series = mergeOntoGrid(plain, "local", sparseFromResponse(res, plain, window));
    const helsinki = series.find((s) => s.timezone === "Europe/Helsinki");
    const oslo = series.find((s) => s.timezone === "Europe/Oslo");
    // 13:00 in Helsinki is 12:00 in Oslo: the last bucket of the same four hours.
    expect(helsinki?.times[3]).toBe(ms("2025-08-27T13:00", "Europe/Helsinki"));
    expect(helsinki?.values).toEqual([0, 0, 0, 4]);
    expect(oslo?.values).toEqual([3, 0, 0, 0]);
  });

  it.each([
    ["a time off the hour", "2025-08-27T10:30:00.000+02:00", /not the start of a 1h bucket/],
    ["a time outside the range", "2025-08-27T15:00:00.000+02:00", /outside the requested range/],
    ["a time without offset", "2025-08-27T10:00:00.000", /no offset/],
    ["not a time", "2025-13-40T00:00:00.000+02:00", /not an ISO time/],
  ])("rejects %s as bad_response", (_name, t, message) => {
    const res = answer([t], [{ label: { member_gender: "x" }, values: [1] }]);
    let err: unknown;
    try {
      sparseFromResponse(res, q, window);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlacewiseError);
    expect((err as PlacewiseError).code).toBe("bad_response");
    expect((err as PlacewiseError).message).toMatch(message);
  });

  it("rejects two series with the same label", () => {
    const res = answer(
      ["2025-08-27T09:00:00.000+02:00"],
      [
        { label: { member_gender: "x" }, values: [1] },
        { label: { member_gender: "x" }, values: [2] },
      ],
    );
    expect(() => sparseFromResponse(res, q, window)).toThrow(/two series have the label/);
  });
});
