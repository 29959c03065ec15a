import { describe, expect, it } from "vitest";
import { parseResponse } from "../../../src/placewise/client/response.ts";
import { PlacewiseError } from "../../../src/placewise/errors.ts";

const good = {
  interval: "1h",
  range_timezone: "Europe/Oslo",
  time_buckets: ["2025-08-27T09:00:00.000+02:00", "2025-08-27T10:00:00.000+02:00"],
  series: [{ label: {}, values: [3, null] }],
  data_points: 1,
  result_type: "timeseries",
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof PlacewiseError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
  }
  return undefined;
}

describe("parseResponse", () => {
  it("accepts the documented shape", () => {
    expect(parseResponse(JSON.stringify(good), "1h").series[0]?.values).toEqual([3, null]);
  });

  it.each([
    ["not JSON", "<html>Bad gateway</html>", /not JSON/],
    ["a list", "[]", /not a JSON object/],
    ["another interval", JSON.stringify({ ...good, interval: "5m" }), /we asked for "1h"/],
    ["no result_type", JSON.stringify({ ...good, result_type: undefined }), /result_type/],
    [
      "values shorter than time_buckets",
      JSON.stringify({ ...good, series: [{ label: {}, values: [1] }] }),
      /1 values for 2/,
    ],
    [
      "a fractional count",
      JSON.stringify({ ...good, series: [{ label: {}, values: [1.5, null] }] }),
      /not a count/,
    ],
    [
      "a negative count",
      JSON.stringify({ ...good, series: [{ label: {}, values: [-1, null] }] }),
      /not a count/,
    ],
    [
      "a string count",
      JSON.stringify({ ...good, series: [{ label: {}, values: ["1", null] }] }),
      /not a count/,
    ],
    ["no data_points", JSON.stringify({ ...good, data_points: undefined }), /data_points/],
    ["data_points below the values", JSON.stringify({ ...good, data_points: 0 }), /data_points is 0/],
    [
      "a label that is not an object",
      JSON.stringify({ ...good, series: [{ label: "x", values: [1, 2] }] }),
      /label/,
    ],
  ])("rejects %s as bad_response", (_name, text, message) => {
    const got = codeOf(() => parseResponse(text, "1h"));
    expect(got).toMatch(/^bad_response: /);
    expect(got).toMatch(message);
  });
});
