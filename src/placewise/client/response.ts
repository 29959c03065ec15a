import { PlacewiseError } from "../errors.ts";
import type { Interval } from "../fields.ts";

export type LabelValue = string | number | boolean | null;

export interface ApiSeries {
  readonly label: Readonly<Record<string, LabelValue>>;
  /** Present when `range_timezone` is "local": this series' club zone. */
  readonly timezone?: string;
  readonly values: readonly (number | null)[];
}

/** A 200 answer of a timeseries report, checked against the documented shape. */
export interface ApiResponse {
  readonly interval: string;
  readonly range_timezone: string;
  readonly time_buckets: readonly string[];
  readonly series: readonly ApiSeries[];
  readonly data_points: number;
  readonly result_type: "timeseries";
}

function bad(what: string, cause?: unknown): PlacewiseError {
  return new PlacewiseError(
    "bad_response",
    `Placewise answered with a body we cannot trust (${what}); no numbers were shown. Try again later; if it persists, report it to Placewise.`,
    cause === undefined ? {} : { cause },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function parseSeries(s: unknown, i: number, buckets: number): ApiSeries {
  if (!isObject(s)) throw bad(`series[${i}] is not an object`);
  const { label, values, timezone } = s;
  if (!isObject(label)) throw bad(`series[${i}].label is not an object`);
  for (const [k, v] of Object.entries(label)) {
    if (v !== null && !["string", "number", "boolean"].includes(typeof v)) {
      throw bad(`series[${i}].label.${k} is not a scalar`);
    }
  }
  if (!Array.isArray(values)) throw bad(`series[${i}].values is not an array`);
  if (values.length !== buckets) {
    throw bad(`series[${i}] has ${values.length} values for ${buckets} time buckets`);
  }
  for (const [j, v] of values.entries()) {
    if (v !== null && !(Number.isSafeInteger(v) && (v as number) >= 0)) {
      throw bad(`series[${i}].values[${j}] is ${JSON.stringify(v)}, not a count`);
    }
  }
  if (timezone !== undefined && typeof timezone !== "string")
    throw bad(`series[${i}].timezone is not a string`);
  return {
    label: label as Record<string, LabelValue>,
    values: values as (number | null)[],
    ...(timezone === undefined ? {} : { timezone }),
  };
}

/** Parses and checks a 200 body; any deviation from the doc is `bad_response`, never a guess. */
export function parseResponse(text: string, requested: Interval): ApiResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(`not JSON: ${JSON.stringify(text.slice(0, 60))}`, e);
  }
  if (!isObject(json)) throw bad("not a JSON object");
  const { interval, range_timezone, time_buckets, series, data_points, result_type } = json;
  if (result_type !== "timeseries")
    throw bad(`result_type is ${JSON.stringify(result_type)}, not "timeseries"`);
  if (interval !== requested)
    throw bad(`interval is ${JSON.stringify(interval)}, we asked for "${requested}"`);
  if (typeof range_timezone !== "string" || range_timezone === "") throw bad("range_timezone is missing");
  if (!Array.isArray(time_buckets) || !time_buckets.every((t) => typeof t === "string")) {
    throw bad("time_buckets is not a list of times");
  }
  if (!Array.isArray(series)) throw bad("series is not a list");
  if (!Number.isSafeInteger(data_points) || (data_points as number) < 0) {
    throw bad(`data_points is ${JSON.stringify(data_points)}, not a count`);
  }
  const parsed = series.map((s, i) => parseSeries(s, i, time_buckets.length));
  const nonNull = parsed.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  // data_points is what tells us about the cut; if it disagrees with the values, neither can be trusted.
  if (nonNull > (data_points as number)) {
    throw bad(`data_points is ${data_points} but the series hold ${nonNull} values`);
  }
  return {
    interval: requested,
    range_timezone,
    time_buckets: time_buckets as string[],
    series: parsed,
    data_points: data_points as number,
    result_type,
  };
}
